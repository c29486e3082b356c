package org.repstudio.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.app.TestDesigns;
import org.repstudio.app.design.DesignSource;

/** The main window's state, without the JavaFX toolkit. */
class MainViewModelTest {

    @Test
    void openingADesignUpdatesTitleCountAndLayout() {
        MainViewModel vm = new MainViewModel(file -> TestDesigns.tiny());
        assertEquals("RepStudio", vm.titleProperty().get());
        assertEquals("No design", vm.nodeCountProperty().get());

        assertEquals(Optional.empty(), vm.open(Path.of("tiny.json")));

        assertEquals("RepStudio — tiny", vm.titleProperty().get());
        assertEquals("3 nodes", vm.nodeCountProperty().get());
        assertNotNull(vm.layoutProperty().get());
        assertTrue(vm.messageProperty().get().endsWith("tiny.json"));
    }

    @Test
    void aFailedOpenKeepsTheCurrentDesignAndSaysWhy() {
        MainViewModel vm = new MainViewModel(file -> {
            throw new IOException("node 'bn': field 'eps' must be positive");
        });

        Optional<String> why = vm.open(Path.of("bad.json"));

        assertEquals(Optional.of("node 'bn': field 'eps' must be positive"), why);
        assertNull(vm.designProperty().get());
        assertEquals("Could not open bad.json: node 'bn': field 'eps' must be positive", vm.messageProperty().get());
    }

    @Test
    void theDiscoveredReaderReportsUnreadableFilesAsIoErrors(@TempDir Path dir) {
        // With DesignIO in the build this is the real reader, without it one that says DesignIO is missing.
        DesignSource source = DesignSource.discover();
        assertThrows(IOException.class, () -> source.load(dir.resolve("missing.json")));
    }
}
