package org.repstudio.app.canvas;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.VBox;
import org.repstudio.app.diagram.OpLabels;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.core.graph.Node;

/**
 * Edit ▸ Find Node (Ctrl+F): a field over the canvas's top right corner listing the nodes whose id or op
 * matches what is typed ("s3b4", "conv 1×1", "add"); Enter or a click jumps to the chosen node (selected
 * and centred), Up and Down move through the list, Escape closes it.
 */
final class NodeFinder extends VBox {

    static final double WIDTH = 280;

    private final EditorViewModel vm;
    private final TextField field = new TextField();
    private final ListView<Node> list = new ListView<>();
    private final Label count = new Label();

    NodeFinder(EditorViewModel vm, Consumer<String> jump) {
        super(4);
        this.vm = vm;
        setId("find-node");
        getStyleClass().add("rs-quick-insert");
        setManaged(false);
        setVisible(false);
        field.setId("find-node-field");
        field.setPromptText("Find node by id or op…");
        list.setId("find-node-list");
        list.setPrefSize(WIDTH, 220);
        count.setId("find-node-count");
        count.getStyleClass().add("rs-menu-description");
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Node n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : n.id() + "  ·  " + OpLabels.summary(n.op()));
            }
        });
        field.textProperty().addListener((o, a, b) -> search(b));
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                Node n = list.getSelectionModel().getSelectedItem();
                if (n != null) {
                    jump.accept(n.id());
                }
            } else if (e.getCode() == KeyCode.ESCAPE) {
                setVisible(false);
            } else if (e.getCode() == KeyCode.DOWN) {
                list.getSelectionModel().selectNext();
                list.scrollTo(list.getSelectionModel().getSelectedIndex());
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                list.getSelectionModel().selectPrevious();
                list.scrollTo(list.getSelectionModel().getSelectedIndex());
                e.consume();
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, n) -> {
            if (n != null && isVisible()) {
                jump.accept(n.id());
            }
        });
        getChildren().addAll(field, count, list);
        addEventHandler(MouseEvent.ANY, MouseEvent::consume);
        addEventHandler(ScrollEvent.ANY, ScrollEvent::consume);
    }

    /** Shows the finder with the design's nodes listed and the keyboard in its field. */
    void open() {
        setVisible(true);
        search(field.getText());
        applyCss();
        autosize();
        toFront();
        field.requestFocus();
        field.selectAll();
    }

    /** The nodes whose id or op label contains every word of {@code text}, ignoring case. */
    static List<Node> matches(EditorViewModel vm, String text) {
        String[] words = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        return vm.graph().nodes().values().stream().filter(n -> {
            String hay = (n.id() + " " + n.op().kind() + " " + OpLabels.summary(n.op())).toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (!w.isEmpty() && !hay.contains(w)) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    private void search(String text) {
        List<Node> found = matches(vm, text);
        list.getItems().setAll(found);
        count.setText(found.size() + (found.size() == 1 ? " node" : " nodes") + " · Enter jumps, Esc closes");
        list.getSelectionModel().clearSelection();
        if (!found.isEmpty() && text != null && !text.isBlank()) {
            list.getSelectionModel().selectFirst();
        }
    }
}
