package org.repstudio.app;

import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.app.files.AppPaths;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real app, headless (Monocle), started before each test on the repository's samples with a fresh state
 * folder (no autosave, no recent files from other tests) and closed after it.
 */
public abstract class RunningAppTest {

    /** The repository root (tests run in app/): its samples/ folder is the real one. */
    public static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    protected Path tmp;

    protected final FxRobot robot = new FxRobot();
    protected Stage stage;
    protected RepStudioApp app;

    @BeforeEach
    final void startTheApp() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        app = (RepStudioApp) FxToolkit.setupApplication(() -> new RepStudioApp(new AppPaths(REPO, tmp.resolve("state"))));
    }

    @AfterEach
    final void closeTheApp() throws TimeoutException {
        beforeClosing();
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    /** What a test's extra windows need before the app closes; nothing by default. */
    protected void beforeClosing() {
    }
}
