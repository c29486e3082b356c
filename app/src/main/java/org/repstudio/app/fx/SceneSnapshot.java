package org.repstudio.app.fx;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes a picture of a scene as PNG (no javafx-swing needed). */
public final class SceneSnapshot {

    private SceneSnapshot() {
    }

    /** Renders {@code scene} and writes it to {@code png}; on failure says why on stderr. */
    public static void write(Scene scene, Path png) {
        write(scene, png, true);
    }

    /** As {@link #write(Scene, Path)}; {@code verbose} also says where it wrote. */
    public static void write(Scene scene, Path png, boolean verbose) {
        WritableImage image = scene.snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        try {
            ImageIO.write(out, "png", png.toFile());
            if (verbose) {
                System.err.println("RepStudio: wrote " + png.toAbsolutePath());
            }
        } catch (IOException e) {
            System.err.println("RepStudio: could not write " + png + ": " + e.getMessage());
        }
    }
}
