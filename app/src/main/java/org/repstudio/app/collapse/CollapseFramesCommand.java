package org.repstudio.app.collapse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.repstudio.app.fx.Theme;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.WritePlan;

/**
 * {@code repstudio collapse DESIGN.json --frames DIR}: renders the collapse animation as numbered PNG
 * frames without a window. JavaFX runs on Monocle's headless platform with the software renderer (no
 * display needed; the launcher puts JavaFX and openjfx-monocle on the class path for this command), unless
 * {@code glass.platform} is already set. One line per frame on stdout. Exit 0 when frames were written,
 * 2 for bad input.
 */
public final class CollapseFramesCommand {

    static final String USAGE = "Usage: repstudio collapse DESIGN.json --frames DIR [--theme light|dark]";

    private CollapseFramesCommand() {
    }

    /** Runs the command on {@code args} (without "collapse"); returns the exit code. */
    public static int run(String[] args) {
        Path design = null;
        Path dir = null;
        Theme theme = Theme.LIGHT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--frames" -> dir = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--theme" -> theme = i + 1 < args.length && args[++i].equalsIgnoreCase("dark") ? Theme.DARK
                        : Theme.LIGHT;
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (design != null || args[i].startsWith("-")) {
                        System.err.println("repstudio collapse: unexpected '" + args[i] + "'\n" + USAGE);
                        return 2;
                    }
                    design = Path.of(args[i]);
                }
            }
        }
        if (design == null || dir == null) {
            System.err.println(USAGE);
            return 2;
        }
        if (!Files.exists(design)) {
            System.err.println(design + ": no such file");
            return 2;
        }
        DesignFile d;
        try {
            d = DesignIO.read(design);
        } catch (Exception e) {
            System.err.println(design + ": " + e.getMessage());
            return 2;
        }
        try {
            framesFolder(dir, design);
        } catch (java.io.IOException e) {
            System.err.println("repstudio collapse: " + e.getMessage());
            return 2;
        }
        headlessIfNeeded();
        AtomicInteger code = new AtomicInteger(1);
        CountDownLatch done = new CountDownLatch(1);
        Path out = dir;
        Path in = design;
        DesignFile loaded = d;
        Theme th = theme;
        Platform.startup(() -> {
            try {
                List<Path> frames = FrameRenderer.render(loaded, in, out, th, System.out::println);
                System.out.println(frames.size() + " frames in " + out.toAbsolutePath());
                code.set(0);
            } catch (Exception e) {
                System.err.println("repstudio collapse: " + e.getMessage());
                code.set(e instanceof org.repstudio.core.fusion.InvalidDesignException ? 2 : 1);
            } finally {
                done.countDown();
            }
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Platform.exit();
        return code.get();
    }

    /**
     * Makes the frames folder and checks, as every command's outputs are checked, that a frame may be written
     * there without replacing the design; a file where the folder should be is refused.
     */
    static void framesFolder(Path dir, Path design) throws java.io.IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new java.io.IOException("--frames " + dir + " is a file, not a folder; nothing written");
        }
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.IOException("--frames " + dir + ": cannot make the folder ("
                    + e.getClass().getSimpleName() + " " + e.getMessage() + "); nothing written", e);
        }
        new WritePlan().reads("the design " + design.getFileName(), design)
                .writes("--frames", dir.resolve(FrameRenderer.frameName(0))).require();
    }

    /** Monocle headless with the software renderer, unless a platform was chosen. */
    static void headlessIfNeeded() {
        if (System.getProperty("glass.platform") != null) {
            return;
        }
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
    }
}
