package org.repstudio.app.charts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The accuracy side of the charts: the latest training run of the design (unfused vs fused test accuracy,
 * the plain baseline when it was trained, how many predictions agree), or "not trained yet" with a way to
 * ask for training. Reads on the calling thread (the file is small).
 */
public final class AccuracyChartViewModel {

    private final Path designFile;
    private final ObjectProperty<TrainResults> results = new SimpleObjectProperty<>(this, "results");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private Runnable onTrainRequested;

    /**
     * @param designFile       the design file (results are looked up beside it); null for a design never saved
     * @param onTrainRequested what "Train…" does (opens the training window)
     */
    public AccuracyChartViewModel(Path designFile, Runnable onTrainRequested) {
        this.designFile = designFile;
        this.onTrainRequested = Objects.requireNonNull(onTrainRequested);
        reload();
    }

    /** Reads the training results again (after a run finished). */
    public void reload() {
        error.set("");
        if (designFile == null) {
            results.set(null);
            summary.set("Not trained yet: save the design, then train it to compare accuracy.");
            return;
        }
        try {
            Optional<TrainResults> r = TrainResults.read(designFile);
            results.set(r.orElse(null));
            summary.set(r.map(AccuracyChartViewModel::describe).orElse("Not trained yet: no "
                    + TrainResults.provenanceFile(designFile).getFileName() + " beside the design."));
        } catch (IOException | RuntimeException e) {
            results.set(null);
            summary.set("Not trained yet.");
            error.set("Could not read the training results: " + e.getMessage());
        }
    }

    /** The latest run's results; null when not trained yet. */
    public ReadOnlyObjectProperty<TrainResults> resultsProperty() {
        return results;
    }

    public TrainResults results() {
        return results.get();
    }

    public boolean trained() {
        return results.get() != null;
    }

    /** One or two lines for the user about the run (or that there is none). */
    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** Why the results could not be read; empty when they could (or there are none). */
    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    /** Replaces what "Train…" does; the window wires it to the training window. */
    public void setOnTrainRequested(Runnable action) {
        onTrainRequested = Objects.requireNonNull(action);
    }

    /** The user asked to train the design. */
    public void requestTraining() {
        onTrainRequested.run();
    }

    static String describe(TrainResults r) {
        String when = r.created().length() >= 16 ? r.created().substring(0, 16).replace('T', ' ') + " UTC" : "";
        String int8 = AccuracyChart.int8Line(r);
        return String.format(Locale.ROOT, "Identical predictions %.2f%% · fused %+.2f points%s · %s, %d epoch%s%s%s",
                100 * r.predictionAgreement(), r.deltaPoints(), int8.isEmpty() ? "" : " · " + int8, r.dataset(),
                r.epochs(), r.epochs() == 1 ? "" : "s",
                when.isEmpty() ? "" : " · " + when,
                r.stale() ? " · the design changed since this run" : "");
    }
}
