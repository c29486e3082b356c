/** The block graph IR: immutable nodes, ops and wires, shape inference and located validation. */
package org.repstudio.core.graph;
