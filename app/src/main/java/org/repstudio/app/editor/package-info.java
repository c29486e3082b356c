/**
 * The editor's state without the toolkit: {@link org.repstudio.app.editor.EditorState} (graph, positions,
 * sub-blocks) as an immutable snapshot, {@link org.repstudio.app.editor.EditorViewModel} with undo/redo as
 * snapshot stacks, and {@link org.repstudio.app.editor.Feedback} (shapes, costs, problems, fusable regions)
 * derived after every edit.
 */
package org.repstudio.app.editor;
