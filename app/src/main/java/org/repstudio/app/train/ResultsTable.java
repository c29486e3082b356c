package org.repstudio.app.train;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** One row per finished run: status, accuracy unfused and fused, identical predictions, latency, throughput. */
final class ResultsTable extends TableView<RunResult> {

    ResultsTable(ObservableList<RunResult> results) {
        super(results);
        setId("train-results");
        getStyleClass().add("rs-train-results");
        setPlaceholder(new Label("Results appear here when a run ends"));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().add(column("Run", RunResult::run, 88));
        getColumns().add(column("Status", r -> r.status().name().toLowerCase(Locale.ROOT), 72));
        TableColumn<RunResult, String> acc = new TableColumn<>("Test accuracy");
        acc.getColumns().add(column("unfused", r -> pct(r.accuracyUnfused())));
        acc.getColumns().add(column("fused", r -> pct(r.accuracyFused())));
        acc.getColumns().add(column("INT8", r -> pct(r.accuracyInt8()))); // ONNX Runtime, fused; "–" when not measured
        acc.getColumns().add(column("agree", r -> pct(r.agreement())));
        TableColumn<RunResult, String> latency = new TableColumn<>("Latency (ms/img)");
        latency.getColumns().add(column("unfused", r -> ms(r.latencyUnfusedMs())));
        latency.getColumns().add(column("fused", r -> ms(r.latencyFusedMs())));
        getColumns().add(acc);
        getColumns().add(latency);
        getColumns().add(column("img/s", r -> String.format(Locale.ROOT, "%.0f", r.imagesPerSecond())));
        setRowFactory(t -> {
            javafx.scene.control.TableRow<RunResult> row = new javafx.scene.control.TableRow<>() {
                @Override
                protected void updateItem(RunResult r, boolean empty) {
                    super.updateItem(r, empty);
                    setTooltip(empty || r == null ? null : new javafx.scene.control.Tooltip(r.message()
                            + (r.saved().isEmpty() ? "" : "\nsaved: " + r.saved())));
                }
            };
            return row;
        });
    }

    private static TableColumn<RunResult, String> column(String title, Function<RunResult, String> value) {
        return column(title, value, 58);
    }

    private static TableColumn<RunResult, String> column(String title, Function<RunResult, String> value,
                                                         double width) {
        TableColumn<RunResult, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(width * 0.8);
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
