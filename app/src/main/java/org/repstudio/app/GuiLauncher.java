package org.repstudio.app;

import java.nio.file.Path;
import javafx.application.Application;

/** Starts the JavaFX editor. Kept apart from {@link Main} so the headless path loads no JavaFX class. */
final class GuiLauncher {

    private GuiLauncher() {
    }

    static void launch(Path file) {
        String[] args = file == null ? new String[0] : new String[] {file.toAbsolutePath().toString()};
        Application.launch(RepStudioApp.class, args);
    }
}
