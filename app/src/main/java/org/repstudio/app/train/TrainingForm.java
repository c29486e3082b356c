package org.repstudio.app.train;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.HPos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import javafx.util.converter.DoubleStringConverter;
import javafx.util.converter.IntegerStringConverter;
import javafx.util.converter.LongStringConverter;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.repstudio.core.ab.Ablations;
import org.repstudio.core.train.HarnessSpec;
import org.repstudio.core.train.TrainConfig;

/**
 * The left side of the training window: dataset (with folder and the downloads switch), engine and
 * device (with the fallback notice), and the hyper-parameters, all bound to the {@link TrainingViewModel}.
 */
final class TrainingForm extends ScrollPane {

    private final TrainingViewModel vm;
    private final GridPane grid = new GridPane();
    /** The Object views of the number properties: bidirectional bindings hold them only weakly. */
    private final List<Property<?>> keep = new ArrayList<>();
    private int row;

    TrainingForm(TrainingViewModel vm) {
        this.vm = vm;
        grid.getStyleClass().add("rs-train-form");
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.LEFT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, fields);
        dataset();
        device();
        hyperParameters();
        setContent(grid);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        getStyleClass().add("rs-train-form-scroll");
    }

    private void section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("rs-panel-title");
        grid.add(l, 0, row++, 2, 1);
    }

    private void add(String label, javafx.scene.Node field, String tip) {
        Label l = new Label(label);
        l.getStyleClass().add("rs-train-label");
        if (tip != null) {
            Tooltip t = new Tooltip(tip);
            l.setTooltip(t);
        }
        if (field instanceof javafx.scene.control.Control c) {
            c.setMaxWidth(Double.MAX_VALUE);
        }
        grid.add(l, 0, row);
        grid.add(field, 1, row++);
    }

    private void wide(javafx.scene.Node n) {
        grid.add(n, 0, row++, 2, 1);
    }

    private void dataset() {
        section("Dataset");
        ComboBox<DatasetOption> box = new ComboBox<>(vm.datasets());
        box.setId("train-dataset");
        box.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(DatasetOption o, boolean empty) {
                super.updateItem(o, empty);
                setText(empty || o == null ? null : o.label());
                setDisable(!empty && o != null && !o.enabled());
                setTooltip(empty || o == null || o.enabled() ? null : new Tooltip(o.reason()));
                getStyleClass().remove("rs-train-disabled");
                if (!empty && o != null && !o.enabled()) {
                    getStyleClass().add("rs-train-disabled");
                }
            }
        });
        box.setButtonCell(box.getCellFactory().call(null));
        Runnable select = () -> box.getItems().stream().filter(o -> o.source() == vm.datasetProperty().get())
                .findFirst().ifPresent(box.getSelectionModel()::select);
        select.run();
        vm.datasets().addListener((javafx.collections.ListChangeListener<DatasetOption>) c -> select.run());
        vm.datasetProperty().addListener((o, a, b) -> select.run());
        box.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.enabled()) {
                vm.datasetProperty().set(b.source());
            } else if (b != null) {
                select.run(); // a disabled entry cannot be chosen
            }
        });
        add("Source", box, null);

        TextField folder = new TextField();
        folder.setId("train-folder");
        folder.setPromptText("folder with the dataset files");
        folder.textProperty().bindBidirectional(vm.folderProperty());
        Button browse = new Button(null, new FontIcon(MaterialDesignF.FOLDER_OPEN));
        browse.setTooltip(new Tooltip("Choose the folder"));
        browse.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Dataset folder");
            File f = dc.showDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.folderProperty().set(f.getAbsolutePath());
                vm.refreshPreview();
            }
        });
        folder.setOnAction(e -> vm.refreshPreview());
        HBox folderRow = new HBox(4, folder, browse);
        HBox.setHgrow(folder, Priority.ALWAYS);
        folderRow.disableProperty().bind(vm.datasetProperty().map(s -> !s.needsFolder()));
        add("Folder", folderRow, "MNIST / Fashion-MNIST: the four IDX files; CIFAR-10: data_batch_1..5.bin and "
                + "test_batch.bin; image folder: train/ and test/ (or one folder) with a sub-folder per class");

        CheckBox downloads = new CheckBox("Allow downloads (DJL datasets)");
        downloads.setId("train-allow-downloads");
        downloads.selectedProperty().bindBidirectional(vm.allowDownloadsProperty());
        downloads.setTooltip(new Tooltip("Lets DJL fetch MNIST, Fashion-MNIST or CIFAR-10 from its repository; "
                + "remembered for next time. Off: RepStudio keeps DJL offline."));
        wide(downloads);

        wide(shownWhileSet("train-download-note", "rs-train-note", MaterialDesignC.CLOUD_DOWNLOAD_OUTLINE,
                vm.downloadNoteProperty()));

        Label info = new Label();
        info.setId("train-dataset-info");
        info.getStyleClass().add("rs-train-note");
        info.setWrapText(true);
        info.textProperty().bind(vm.datasetInfoProperty());
        wide(info);
        vm.datasetProperty().addListener((o, a, b) -> vm.refreshPreview());
    }

    private void device() {
        section("Engine and device");
        ComboBox<String> engine = new ComboBox<>(vm.engines());
        engine.setId("train-engine");
        engine.valueProperty().bindBidirectional(vm.engineProperty());
        add("Engine", engine, "DJL engines on the class path");
        ComboBox<String> device = new ComboBox<>(vm.devices());
        device.setId("train-device");
        device.setEditable(true);
        device.valueProperty().bindBidirectional(vm.deviceProperty());
        add("Device", device, "cpu and every GPU the engine sees; a GPU that is not there falls back to the CPU");
        wide(shownWhileSet("train-device-notice", "rs-train-warning", MaterialDesignA.ALERT_OUTLINE,
                vm.deviceNoticeProperty()));
    }

    /** A wrapped line with an icon that takes room only while {@code text} is not empty. */
    private static Label shownWhileSet(String id, String style, Ikon icon, ReadOnlyStringProperty text) {
        Label l = new Label(null, new FontIcon(icon));
        l.setId(id);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.visibleProperty().bind(text.isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private void hyperParameters() {
        section("Hyper-parameters");
        ComboBox<TrainConfig.OptimizerKind> opt = new ComboBox<>();
        opt.getItems().setAll(TrainConfig.OptimizerKind.values());
        opt.setConverter(named(k -> k == TrainConfig.OptimizerKind.SGD ? "SGD with momentum" : "Adam"));
        opt.valueProperty().bindBidirectional(vm.optimizerProperty());
        add("Optimizer", opt, null);
        ComboBox<TrainConfig.Schedule> sched = new ComboBox<>();
        sched.getItems().setAll(TrainConfig.Schedule.values());
        sched.setConverter(named(s -> s == TrainConfig.Schedule.COSINE ? "Cosine" : "Step (÷10 at 50%, 75%)"));
        sched.valueProperty().bindBidirectional(vm.scheduleProperty());
        add("Schedule", sched, null);
        add("Learning rate", number("train-lr", vm.learningRateProperty().asObject(), new DoubleStringConverter()), null);
        add("Momentum", number("train-momentum", vm.momentumProperty().asObject(), new DoubleStringConverter()),
                "SGD only");
        add("Weight decay", number("train-wd", vm.weightDecayProperty().asObject(), new DoubleStringConverter()), null);
        add("Batch size", number("train-batch", vm.batchSizeProperty().asObject(), new IntegerStringConverter()), null);
        add("Epochs", number("train-epochs", vm.epochsProperty().asObject(), new IntegerStringConverter()), null);
        add("Seed", number("train-seed", vm.seedProperty().asObject(), new LongStringConverter()),
                "weights, batch order and the built-in images");
        section("Harness and budget");
        ComboBox<HarnessSpec.Layout> layout = new ComboBox<>();
        layout.setId("train-harness");
        layout.getItems().setAll(HarnessSpec.Layout.values());
        layout.setConverter(named(l -> l == HarnessSpec.Layout.STAGED ? "Staged" : "Flat"));
        layout.valueProperty().bindBidirectional(vm.harnessProperty());
        add("Harness", layout, "staged: a block per stage, the resolution halved between stages, so the last block"
                + " sees the whole image; flat: every copy at one resolution");
        add("Block copies", number("train-copies", vm.copiesProperty().asObject(), new IntegerStringConverter()),
                "copies of the block between the stem and the classifier (stages when staged)");
        add("Stem stride", number("train-stem", vm.stemStrideProperty().asObject(), new IntegerStringConverter()), null);
        add("Train images", number("train-max-train", vm.maxTrainImagesProperty().asObject(),
                new IntegerStringConverter()), "use at most this many (0: all)");
        add("Test images", number("train-max-test", vm.maxTestImagesProperty().asObject(),
                new IntegerStringConverter()), "use at most this many (0: all)");
        section("A/B");
        add("Seeds", number("train-ab-seeds", vm.abSeedsProperty().asObject(), new IntegerStringConverter()),
                "per arm: seed, seed + 1, ...; two or more give an interval");
        ComboBox<Ablations.Mode> ablations = new ComboBox<>();
        ablations.setId("train-ab-ablations");
        ablations.getItems().setAll(Ablations.Mode.values());
        ablations.setConverter(named(m -> switch (m) {
            case NONE -> "None";
            case REMOVAL -> "Remove each kind";
            case CUMULATIVE -> "Add kinds in turn";
        }));
        ablations.valueProperty().bindBidirectional(vm.ablationsProperty());
        add("Ablations", ablations, "extra arms for a block with several branch kinds: each kind removed in turn, or"
                + " the first kind alone and then the others added one by one (RepVGG's table)");
        Button reset = new Button("Defaults");
        reset.setOnAction(e -> vm.resetHyperParameters());
        wide(reset);
    }

    private <T> TextField number(String id, Property<T> property, StringConverter<T> converter) {
        keep.add(property);
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(8);
        TextFormatter<T> fmt = new TextFormatter<>(converter, property.getValue());
        f.setTextFormatter(fmt);
        fmt.valueProperty().bindBidirectional(property);
        return f;
    }

    private static <T> StringConverter<T> named(java.util.function.Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : name.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
