package org.repstudio.app.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The live curves of one training run, for overlaying runs in the charts. x is the position in epochs
 * (epoch - 1 + batch / batches per epoch), so runs with different batch sizes line up. Points are added
 * on the UI thread only; the view reads them there.
 */
public final class RunSeries {

    /** One point of a curve. */
    public record Point(double x, double y) {
    }

    private final String name;
    private final boolean plain;
    private final List<Point> loss = new ArrayList<>();
    private final List<Point> batchAccuracy = new ArrayList<>();
    private final List<Point> testAccuracy = new ArrayList<>();

    RunSeries(String name, boolean plain) {
        this.name = name;
        this.plain = plain;
    }

    /** Legend name, e.g. "#2 re-param" or "#2 plain". */
    public String name() {
        return name;
    }

    /** True for the plain A/B baseline run. */
    public boolean plain() {
        return plain;
    }

    /** Training loss of every step. */
    public List<Point> loss() {
        return Collections.unmodifiableList(loss);
    }

    /** Accuracy on each step's batch (0..1). */
    public List<Point> batchAccuracy() {
        return Collections.unmodifiableList(batchAccuracy);
    }

    /** Test accuracy after each epoch (0..1), at x = epoch. */
    public List<Point> testAccuracy() {
        return Collections.unmodifiableList(testAccuracy);
    }

    void addBatch(double x, double lossValue, double accuracy) {
        loss.add(new Point(x, lossValue));
        batchAccuracy.add(new Point(x, accuracy));
    }

    void addEpoch(int epoch, double accuracy) {
        testAccuracy.add(new Point(epoch, accuracy));
    }
}
