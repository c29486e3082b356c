/**
 * The node-graph canvas: one skin per node, sub-block and wire in or near the view; skins observe the
 * {@link org.repstudio.app.editor.EditorViewModel} and issue edits, never mutate the model.
 */
package org.repstudio.app.canvas;
