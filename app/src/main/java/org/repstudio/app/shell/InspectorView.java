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
    /** Why the last typed text was refused, under the fields; hidden when there is nothing to say. */
    private final Label fieldError = new Label();
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
        fieldError.setId("inspector-field-error");
        fieldError.getStyleClass().add("rs-field-error");
        fieldError.setWrapText(true);
        fieldError("");
        getChildren().addAll(heading, info, fieldError, sheet);
        sheet.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(sheet.getItems()));
        info.setText("Select a node to edit its op.");
        vm.selectionProperty().addListener((o, a, b) -> refresh());
        vm.revisionProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private void refresh() {
        fieldError("");
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
            fieldError(err.map(why -> field.name() + ": " + why).orElse(""));
            if (err.isPresent()) {
                value.set(field.value());
            }
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(value);
        }
    }

    private Callback<PropertySheet.Item, PropertyEditor<?>> editorFactory() {
        DefaultPropertyEditorFactory fallback = new DefaultPropertyEditorFactory();
        return item -> {
            if (item.getType() == Integer.class || item.getType() == Double.class) {
                return new NumberEditor(item);
            }
            return fallback.call(item);
        };
    }

    /** Says under the fields why typed text was not taken ("" hides it). */
    private void fieldError(String text) {
        fieldError.setText(text);
        fieldError.setVisible(!text.isEmpty());
        fieldError.setManaged(!text.isEmpty());
    }

    /**
     * A text field for a number that hands its value to the item on Enter or focus loss. Characters that
     * cannot be part of the number are refused as they are typed, with the reason under the fields; Ctrl+Z
     * first drops text not yet committed and otherwise undoes the last edit of the design (so the node is
     * never left showing one value and holding another), Ctrl+Y redoes.
     */
    private final class NumberEditor extends AbstractPropertyEditor<Object, TextField> {
        private ObjectProperty<Object> committed;

        NumberEditor(PropertySheet.Item item) {
            super(item, new TextField());
            TextField f = getEditor();
            boolean whole = item.getType() == Integer.class;
            String kind = whole ? "a whole number, e.g. 3" : "a number, e.g. 0.001 or 1e-5";
            f.getStyleClass().add("rs-number-field");
            f.setId("field-" + item.getName());
            f.setTextFormatter(new javafx.scene.control.TextFormatter<>(change -> {
                String next = change.getControlNewText();
                if (next.isEmpty() || (whole ? next.matches("-?\\d*") : next.matches("-?[0-9.]*([eE][-+]?[0-9]*)?"))) {
                    fieldError("");
                    return change;
                }
                fieldError(item.getName() + " takes " + kind + ": '" + change.getText() + "' was not typed in");
                return null;
            }));
            f.setOnAction(e -> commit(item));
            f.focusedProperty().addListener((o, was, is) -> {
                if (!is) {
                    commit(item);
                }
            });
            f.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
                if (e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.Z) {
                    String shown = String.valueOf(item.getValue());
                    if (!f.getText().trim().equals(shown)) {
                        f.setText(shown); // typing not yet committed: dropped
                    } else {
                        vm.undo();
                    }
                    fieldError("");
                    e.consume();
                } else if (e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.Y) {
                    vm.redo();
                    e.consume();
                }
            });
        }

        private void commit(PropertySheet.Item item) {
            String t = getEditor().getText().trim();
            try {
                Object v = item.getType() == Integer.class ? (Object) Integer.valueOf(t) : (Object) Double.valueOf(t);
                committed().set(v);
            } catch (NumberFormatException ex) {
                if (!t.equals(String.valueOf(item.getValue()))) {
                    fieldError(item.getName() + ": '" + t + "' is not a number; it stays " + item.getValue());
                }
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
