package org.repstudio.app.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.util.Callback;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.PropertyEditor;
import org.repstudio.app.editor.Costs;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.app.editor.Feedback;
import org.repstudio.app.editor.OpFields;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.TensorShape;

/**
 * The inspector: a ControlsFX {@link PropertySheet} with the fields of the selected node's op. Numbers
 * are committed on Enter or when the field loses focus, so each edit is one undo step.
 */
public final class InspectorView extends VBox {

    private final EditorViewModel vm;
    private final PropertySheet sheet = new PropertySheet();
    private final Label heading = new Label("Nothing selected");
    private final Label info = new Label();
    private String shownNode;
    private List<String> shownFields = List.of();
    private final List<FieldItem> items = new ArrayList<>();

    public InspectorView(EditorViewModel vm) {
        this.vm = vm;
        setId("inspector");
        getStyleClass().add("rs-inspector");
        heading.getStyleClass().add("rs-panel-title");
        heading.setId("inspector-heading");
        info.getStyleClass().add("rs-inspector-info");
        info.setId("inspector-info");
        info.setWrapText(true);
        sheet.setId("property-sheet");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setPropertyEditorFactory(editorFactory());
        getChildren().addAll(heading, info, sheet);
        sheet.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(sheet.getItems()));
        info.setText("Select a node to edit its op.");
        vm.selectionProperty().addListener((o, a, b) -> refresh());
        vm.revisionProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private void refresh() {
        List<String> sel = new ArrayList<>(vm.selection());
        String id = sel.size() == 1 && vm.graph().contains(sel.get(0)) ? sel.get(0) : null;
        if (id == null) {
            heading.setText(sel.isEmpty() ? "Nothing selected" : sel.size() == 1 ? "Sub-block " + sel.get(0)
                    : sel.size() + " selected");
            info.setText(sel.isEmpty() ? "Select a node to edit its op." : "");
            sheet.getItems().clear();
            items.clear();
            shownNode = null;
            shownFields = List.of();
            return;
        }
        Node n = vm.graph().node(id);
        heading.setText(id + " · " + n.op().kind());
        Feedback f = vm.feedback();
        TensorShape s = f.shapes().get(id);
        info.setText("output " + (s == null ? "unknown" : s.toString()) + "\n"
                + Costs.human(f.params().getOrDefault(id, 0L)) + " params · "
                + Costs.human(f.flops().getOrDefault(id, 0L)) + " FLOPs");
        List<OpFields.Field> fields = OpFields.of(n.op());
        List<String> names = fields.stream().map(OpFields.Field::name).toList();
        if (id.equals(shownNode) && names.equals(shownFields)) {
            for (int i = 0; i < items.size(); i++) {
                items.get(i).value.set(fields.get(i).value());
            }
            return;
        }
        shownNode = id;
        shownFields = names;
        items.clear();
        for (OpFields.Field field : fields) {
            items.add(new FieldItem(id, field));
        }
        sheet.getItems().setAll(items);
    }

    private final class FieldItem implements PropertySheet.Item {
        private final String node;
        private final OpFields.Field field;
        private final ObjectProperty<Object> value;

        FieldItem(String node, OpFields.Field field) {
            this.node = node;
            this.field = field;
            this.value = new SimpleObjectProperty<>(field.value());
        }

        @Override
        public Class<?> getType() {
            return field.type();
        }

        @Override
        public String getCategory() {
            return "op";
        }

        @Override
        public String getName() {
            return field.name();
        }

        @Override
        public String getDescription() {
            return field.name() + " of " + node;
        }

        @Override
        public Object getValue() {
            return value.get();
        }

        @Override
        public void setValue(Object v) {
            if (v == null || v.equals(value.get())) {
                return;
            }
            Optional<String> err = vm.setField(node, field.name(), v);
            if (err.isPresent()) {
                value.set(field.value());
            }
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(value);
        }
    }

    private static Callback<PropertySheet.Item, PropertyEditor<?>> editorFactory() {
        DefaultPropertyEditorFactory fallback = new DefaultPropertyEditorFactory();
        return item -> {
            if (item.getType() == Integer.class || item.getType() == Double.class) {
                return new CommitOnEnterEditor(item);
            }
            return fallback.call(item);
        };
    }

    /** A text field for a number that hands its value to the item on Enter or focus loss. */
    private static final class CommitOnEnterEditor extends AbstractPropertyEditor<Object, TextField> {
        private ObjectProperty<Object> committed;

        CommitOnEnterEditor(PropertySheet.Item item) {
            super(item, new TextField());
            TextField f = getEditor();
            f.getStyleClass().add("rs-number-field");
            f.setId("field-" + item.getName());
            f.setOnAction(e -> commit(item));
            f.focusedProperty().addListener((o, was, is) -> {
                if (!is) {
                    commit(item);
                }
            });
        }

        private void commit(PropertySheet.Item item) {
            String t = getEditor().getText().trim();
            try {
                Object v = item.getType() == Integer.class ? (Object) Integer.valueOf(t) : (Object) Double.valueOf(t);
                committed().set(v);
            } catch (NumberFormatException ex) {
                getEditor().setText(String.valueOf(item.getValue()));
            }
        }

        private ObjectProperty<Object> committed() {
            if (committed == null) {
                committed = new SimpleObjectProperty<>();
            }
            return committed;
        }

        @Override
        protected ObservableValue<Object> getObservableValue() {
            return committed();
        }

        @Override
        public void setValue(Object value) {
            committed().set(value);
            getEditor().setText(value == null ? "" : String.valueOf(value));
        }
    }
}
