package org.repstudio.app.collapse;

import java.util.HashMap;
import java.util.Map;
import org.repstudio.app.canvas.EditorCanvas;
import org.repstudio.app.editor.Pos;

/**
 * The fused design closing up after the last step: every box glides from where the steps left it to its
 * tidied place ({@link CollapseLayout#tidy}) with its wires attached, and the view follows so the design
 * ends fitted. Like {@link CollapseAnimator}, {@link #pose(double)} sets everything for a time 0..1 and
 * only the canvas's poses are used, so {@link #finish()} leaves the canvas as the model says.
 */
final class TidyMove {

    private final EditorCanvas canvas;
    private final Map<String, Pos> from;
    private final Map<String, Pos> to;

    /** Moves the boxes {@code canvas} shows at {@code from} to {@code to}. */
    TidyMove(EditorCanvas canvas, Map<String, Pos> from, Map<String, Pos> to) {
        this.canvas = canvas;
        this.from = Map.copyOf(from);
        this.to = Map.copyOf(to);
    }

    void pose(double t) {
        double u = CollapseAnimator.ease(Math.max(0, Math.min(1, t)));
        Map<String, EditorCanvas.Pose> poses = new HashMap<>();
        for (Map.Entry<String, Pos> e : to.entrySet()) {
            Pos a = from.getOrDefault(e.getKey(), e.getValue());
            Pos b = e.getValue();
            poses.put(e.getKey(), new EditorCanvas.Pose(new Pos(a.x() + (b.x() - a.x()) * u,
                    a.y() + (b.y() - a.y()) * u), 1));
        }
        canvas.pose(poses);
        canvas.fit(); // fitted to the boxes where they are now: the view closes in with the design
    }

    void finish() {
        canvas.clearPoses();
    }
}
