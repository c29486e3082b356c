package org.repstudio.app.collapse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.Scene;
import org.repstudio.app.editor.DesignStates;
import org.repstudio.app.editor.EditorState;
import org.repstudio.app.fx.SceneSnapshot;
import org.repstudio.app.fx.Theme;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.io.DesignFile;

/**
 * Renders a collapse as numbered PNG frames for teaching: the design as drawn, then per step three
 * frames (nodes highlighted, sliding together, morphed into the new node), the fused design halfway
 * through closing up into its tidied layout (when it moves), then the fused design. The
 * player is built off screen in its own scene and posed frame by frame, so the frames are the live
 * animation's poses; a wide design is zoomed onto each step (see CollapseView#focus). Call on the JavaFX
 * thread.
 */
public final class FrameRenderer {

    /** Times within a step at which a frame is taken: highlighted, sliding, morphed. */
    public static final double[] POSES = {0.1, 0.42, 0.88};
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 760;

    private FrameRenderer() {
    }

    /** Fuses {@code design} (weights as {@code fuse} gets them) and renders its frames into {@code dir}. */
    public static List<Path> render(DesignFile design, Path file, Path dir, Theme theme, Consumer<String> log)
            throws java.io.IOException {
        EditorState s = DesignStates.fromDesign(design);
        LoadedDesign d = LoadedDesign.of(design, file, LoadedDesign.DEFAULT_SEED);
        log.accept("weights: " + d.source().describe());
        FusionTrace t = CollapseSource.trace(d);
        return render(t, s.positions(), design.method(), dir, theme, log);
    }

    /** Renders the frames of {@code t} into {@code dir} and says one line per frame. */
    public static List<Path> render(FusionTrace t, Map<String, org.repstudio.app.editor.Pos> positions, String method,
                                    Path dir, Theme theme, Consumer<String> log) throws java.io.IOException {
        Files.createDirectories(dir);
        CollapseView view = new CollapseView(new CollapseViewModel());
        Scene scene = new Scene(view, WIDTH, HEIGHT);
        theme.apply(scene);
        view.applyCss();
        view.layout();
        view.load(t, positions, method);
        view.applyCss();
        view.layout();
        view.canvas().fit();
        List<Path> out = new ArrayList<>();
        int n = t.steps().size();
        out.add(frame(scene, dir, out.size(), log, "original design, " + t.original().nodes().size() + " nodes"));
        for (int k = 0; k < n; k++) {
            view.focus(t.steps().get(k));
            CollapseAnimator a = view.begin();
            for (double p : POSES) {
                view.pose(p);
                out.add(frame(scene, dir, out.size(), log, "step " + (k + 1) + "/" + n + " "
                        + a.step().rule().displayName() + " (" + CollapseAnimator.phase(p) + ")"));
            }
            view.end();
        }
        if (n > 0 && view.poseTidy(0.5)) {
            out.add(frame(scene, dir, out.size(), log, "fused design closing up"));
            view.end();
        }
        if (n > 0) {
            view.fitAll();
            out.add(frame(scene, dir, out.size(), log, "fused design, " + t.fused().nodes().size() + " nodes"
                    + (t.exact() ? "" : ", " + t.refusals().size() + " region(s) refused")));
        }
        view.dispose();
        removeStaleFrames(dir, out.size(), log);
        return out;
    }

    /** The file name of frame {@code i}. */
    static String frameName(int i) {
        return String.format("frame-%04d.png", i);
    }

    /**
     * Frames numbered past this render's last, left by an earlier and longer render into the same folder,
     * would play on as if they were part of it: they go, and the log says how many.
     */
    private static void removeStaleFrames(Path dir, int count, Consumer<String> log) throws java.io.IOException {
        int removed = 0;
        for (int i = count; Files.deleteIfExists(dir.resolve(frameName(i))); i++) {
            removed++;
        }
        if (removed > 0) {
            log.accept("removed " + removed + " frame(s) left in " + dir + " by an earlier, longer render");
        }
    }

    private static Path frame(Scene scene, Path dir, int i, Consumer<String> log, String what) {
        Path png = dir.resolve(frameName(i));
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        SceneSnapshot.write(scene, png, false);
        log.accept(String.format("frame %04d  %s  %s", i, png.getFileName(), what));
        return png;
    }
}
