package org.repstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.app.design.DesignSource;
import org.repstudio.app.shell.AppPaths;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The real main window, headless (Monocle), opening designs through a test {@link DesignSource}. */
class RepStudioAppTest {

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private RepStudioApp app;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(home.resolve("samples/nets"));
        Files.writeString(home.resolve("samples/repvgg.json"), "{}");
        Files.writeString(home.resolve("samples/acb.json"), "{}");
        Files.writeString(home.resolve("samples/nets/tiny.json"), "{}");
        Files.writeString(home.resolve("samples/notes.txt"), "not a design");

        DesignSource source = file -> {
            if (file.getFileName().toString().equals("broken.json")) {
                throw new IOException("node 'conv': field 'kernel' must be positive");
            }
            return TestDesigns.tiny();
        };
        stage = FxToolkit.registerPrimaryStage();
        app = (RepStudioApp) FxToolkit.setupApplication(() -> new RepStudioApp(source, new AppPaths(home)));
    }

    @AfterEach
    void stop() throws TimeoutException {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void startsEmptyWithEngineAndThemeShown() {
        assertEquals("RepStudio", stage.getTitle());
        assertTrue(robot.lookup("#empty-state").query().isVisible());
        assertTrue(robot.lookup(".rs-node").queryAll().isEmpty());
        assertEquals("Engine: DJL PyTorch (CPU)", robot.lookup("#status-engine").queryAs(Label.class).getText());
        assertEquals("No design", robot.lookup("#status-nodes").queryAs(Label.class).getText());
        List<String> sheets = stage.getScene().getStylesheets();
        assertEquals(2, sheets.size(), "base.css and the theme's colours");
        assertTrue(sheets.get(0).endsWith("assets/themes/base.css"), sheets.toString());
    }

    @Test
    void openingADesignDrawsItsNodesAndWires() {
        robot.interact(() -> app.open(home.resolve("tiny.json")));

        Set<Node> boxes = robot.lookup(".rs-node").queryAll();
        assertEquals(3, boxes.size());
        Region conv = robot.lookup("#node-conv").queryAs(Region.class);
        Region in = robot.lookup("#node-in").queryAs(Region.class);
        assertTrue(conv.isVisible() && conv.getWidth() > 100 && conv.getHeight() > 40);
        assertEquals(240, conv.getLayoutX() - in.getLayoutX(), 1e-9, "positions from the design");
        assertEquals(in.getLayoutY(), conv.getLayoutY(), 1e-9);
        assertTrue(robot.lookup("#node-conv .rs-node-summary").queryAs(Label.class).getText().startsWith("conv 3×3"));
        assertEquals(2, robot.lookup(".rs-wire").queryAll().size());

        Paint convHeader = header("conv");
        Paint inputHeader = header("in");
        assertTrue(convHeader != null && inputHeader != null, "theme colours resolved");
        assertNotEquals(convHeader, inputHeader, "op categories get their own colour");

        assertFalse(robot.lookup("#empty-state").query().isVisible());
        assertEquals("3 nodes", robot.lookup("#status-nodes").queryAs(Label.class).getText());
        assertEquals("RepStudio — tiny", stage.getTitle());
    }

    @Test
    void aFileThatCannotBeReadIsReportedAndKeepsTheWindowUsable() {
        robot.interact(() -> app.open(home.resolve("broken.json")));

        String message = robot.lookup("#status-message").queryAs(Label.class).getText();
        assertTrue(message.contains("broken.json") && message.contains("node 'conv'"), message);
        assertTrue(robot.lookup(".rs-node").queryAll().isEmpty());
        assertTrue(robot.lookup("#empty-state").query().isVisible());
    }

    @Test
    void samplesMenuListsEveryDesignFile() {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        Menu samples = (Menu) bar.getMenus().get(0).getItems().stream()
                .filter(i -> "menu-samples".equals(i.getId())).findFirst().orElseThrow();
        List<String> labels = samples.getItems().stream().map(MenuItem::getText).toList();
        assertEquals(List.of("acb", "nets/tiny", "repvgg"), labels);
    }

    private Paint header(String node) {
        Label title = robot.lookup("#node-" + node + " .rs-node-title").queryAs(Label.class);
        return title.getBackground() == null ? null : title.getBackground().getFills().get(0).getFill();
    }
}
