package org.repstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.repstudio.app.collapse.CollapseMode;
import org.repstudio.app.collapse.CollapseView;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.core.graph.Op;
import org.testfx.util.WaitForAsyncUtils;

/** File ▸ Import ONNX… in the real window (headless): the model opens as a saved design, and Collapse plays on it. */
class ImportOnnxTest extends RunningAppTest {

    static final Path FIXTURE = REPO.resolve("model-core/src/test/resources/onnx/repconv-neck.onnx");

    private EditorViewModel vm;
    private CollapseMode mode;

    @BeforeEach
    void collapseAtHand() {
        vm = app.model().editor();
        mode = app.window().collapse();
        assertTrue(stage.isShowing());
    }

    @Override
    protected void beforeClosing() {
        robot.interact(() -> {
            mode.view().dispose();
            vm.load(org.repstudio.app.editor.EditorState.empty());
        });
    }

    @Test
    void importOpensTheModelAndCollapsePlaysOnIt() throws Exception {
        Path onnx = Files.copy(FIXTURE, tmp.resolve("neck.onnx"));
        Files.writeString(tmp.resolve("neck.json"), "someone's own file");
        @SuppressWarnings("unchecked") Optional<String>[] failure = new Optional[1];
        robot.interact(() -> failure[0] = app.window().importOnnx().importAndOpen(onnx));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Optional.empty(), failure[0]);
        assertEquals("someone's own file", Files.readString(tmp.resolve("neck.json")), "never overwritten");
        assertTrue(Files.exists(tmp.resolve("neck-2.json")) && Files.exists(tmp.resolve("neck-2.rsw")));
        assertEquals(21, vm.graph().nodes().size());
        assertFalse(vm.isDirty(), "an imported design opens saved, not modified");

        // the opaque ops show with their ONNX op name on the canvas
        Set<String> texts = robot.lookup(n -> n instanceof Text).queryAll().stream()
                .map(n -> ((Text) n).getText()).collect(Collectors.toSet());
        assertTrue(texts.contains("ONNX Resize") && texts.contains("ONNX MaxPool"), texts.toString());

        robot.clickOn("#tool-collapse");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !mode.busy()
                && !mode.view().model().isStaleFor(vm.graph()));
        WaitForAsyncUtils.waitForFxEvents();
        CollapseView view = mode.view();
        assertEquals(3, view.model().stepCount(), "the neck's two RepConv blocks and the stem fuse in 3 steps");
        robot.interact(() -> view.model().speedProperty().set(org.repstudio.app.collapse.CollapseViewModel.MAX_SPEED));
        robot.clickOn("#collapse-play");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.model().index() == view.model().stepCount()
                && !view.animating() && !view.model().isPlaying());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(view.model().trace().fused(), view.shownGraph(), "play ends on the fused design");
        assertTrue(view.shownGraph().nodes().values().stream().anyMatch(n -> n.op() instanceof Op.Opaque o
                && o.opType().equals("Resize")), "the opaque ops stay");
    }
}
