package org.repstudio.app.train;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.repstudio.core.train.DatasetPreview;

/** The dataset preview: a row of enlarged thumbnails, each with its class name under it. */
final class PreviewStrip extends HBox {

    static final double THUMB = 56;

    PreviewStrip(ObservableList<DatasetPreview.Sample> samples) {
        super(8);
        setId("train-preview");
        getStyleClass().add("rs-train-preview");
        samples.addListener((ListChangeListener<DatasetPreview.Sample>) c -> show(samples));
        show(samples);
    }

    private void show(ObservableList<DatasetPreview.Sample> samples) {
        getChildren().clear();
        for (DatasetPreview.Sample s : samples) {
            ImageView view = new ImageView(image(s));
            view.setFitWidth(THUMB);
            view.setFitHeight(THUMB);
            view.setPreserveRatio(true);
            view.setSmooth(false);
            Label label = new Label(s.className());
            label.getStyleClass().add("rs-train-thumb-label");
            label.setMaxWidth(THUMB + 8);
            VBox cell = new VBox(2, view, label);
            cell.getStyleClass().add("rs-train-thumb");
            getChildren().add(cell);
        }
    }

    /** Grey images from their one channel, colour images from the first three (CHW order). */
    static WritableImage image(DatasetPreview.Sample s) {
        WritableImage img = new WritableImage(s.width(), s.height());
        PixelWriter w = img.getPixelWriter();
        int plane = s.width() * s.height();
        int[] p = s.pixels();
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                int i = y * s.width() + x;
                int r = p[i];
                int g = s.channels() >= 3 ? p[plane + i] : r;
                int b = s.channels() >= 3 ? p[2 * plane + i] : r;
                w.setArgb(x, y, 0xff000000 | r << 16 | g << 8 | b);
            }
        }
        return img;
    }
}
