/**
 * The Collapse player: steps through a fusion trace on the canvas (nodes highlighted, sliding together
 * and morphing into the conv they become), with a step panel of kernel heat maps, play controls, refused
 * regions explained in place, and a headless export of the animation as PNG frames.
 */
package org.repstudio.app.collapse;
