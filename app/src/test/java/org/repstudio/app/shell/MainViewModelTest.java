package org.repstudio.app.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.app.TestDesigns;
import org.repstudio.app.editor.Pos;
import org.repstudio.app.files.AppPaths;
import org.repstudio.app.files.Autosave;
import org.repstudio.core.graph.Op;
import org.repstudio.core.io.DesignIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main window's state and files, without the JavaFX toolkit. */
class MainViewModelTest {

    @TempDir
    Path home;

    private Path tinyFile() throws Exception {
        Path f = home.resolve("tiny.json");
        DesignIO.write(f, TestDesigns.tiny());
        return f;
    }

    @Test
    void openEditSaveAndReopenGiveTheSameGraph() throws Exception {
        MainViewModel vm = new MainViewModel(new AppPaths(home));
        assertEquals(Optional.empty(), vm.open(tinyFile()));
        assertEquals("RepStudio — tiny", vm.titleProperty().get());
        assertEquals("3 nodes · 3 shapes · no problems", vm.shapesProperty().get());
        vm.editor().addNode(new Op.Relu(), new Pos(100, 200));
        assertTrue(vm.titleProperty().get().endsWith("•"), "unsaved marker");
        Path copy = home.resolve("copy.json");
        assertEquals(Optional.empty(), vm.saveAs(copy));
        assertFalse(vm.editor().isDirty());
        assertEquals(List.of(copy.toAbsolutePath().normalize(), home.resolve("tiny.json").toAbsolutePath().normalize()),
                vm.recentFiles());

        MainViewModel again = new MainViewModel(new AppPaths(home));
        again.open(copy);
        assertEquals(vm.editor().graph(), again.editor().graph());
        assertEquals(vm.editor().state().positions(), again.editor().state().positions());
    }

    /** The ResRep sample and its weights sidecar copied into {@code folder}, opened. */
    private MainViewModel openedWithItsSidecar(Path folder) throws Exception {
        Files.createDirectories(folder);
        Path samples = Path.of("").toAbsolutePath().getParent().resolve("samples");
        Files.copy(samples.resolve("resrep.json"), folder.resolve("resrep.json"));
        Files.copy(samples.resolve("resrep.rsw"), folder.resolve("resrep.rsw"));
        MainViewModel vm = new MainViewModel(new AppPaths(home));
        assertEquals(Optional.empty(), vm.open(folder.resolve("resrep.json")));
        return vm;
    }

    @Test
    void saveAsIntoAnotherFolderTakesTheWeightsAlong() throws Exception {
        Path a = home.resolve("a");
        MainViewModel vm = openedWithItsSidecar(a);
        Path b = Files.createDirectories(home.resolve("b"));
        assertEquals(Optional.empty(), vm.saveAs(b.resolve("mine.json")));
        assertEquals(-1, Files.mismatch(a.resolve("resrep.rsw"), b.resolve("mine.rsw")), "the weights went along");
        assertEquals(Optional.of("mine.rsw"), DesignIO.read(b.resolve("mine.json")).weights());
        assertTrue(vm.messageProperty().get().endsWith("with its weights as mine.rsw"), vm.messageProperty().get());
        // the same folder: the name still reaches the sidecar, nothing is copied
        assertEquals(Optional.empty(), vm.saveAs(b.resolve("again.json")));
        assertEquals(Optional.of("mine.rsw"), DesignIO.read(b.resolve("again.json")).weights());
        assertFalse(Files.exists(b.resolve("again.rsw")));
    }

    @Test
    void saveAsRefusesToReplaceOtherWeightsAndWritesNothing() throws Exception {
        Path a = home.resolve("a");
        MainViewModel vm = openedWithItsSidecar(a);
        Path b = Files.createDirectories(home.resolve("b"));
        Files.writeString(b.resolve("mine.rsw"), "other weights");
        Optional<String> why = vm.saveAs(b.resolve("mine.json"));
        assertTrue(why.isPresent() && why.get().contains("mine.rsw already exists"), why.toString());
        assertEquals("other weights", Files.readString(b.resolve("mine.rsw")));
        assertFalse(Files.exists(b.resolve("mine.json")), "nothing saved");
        assertEquals(a.resolve("resrep.json").toAbsolutePath().normalize(), vm.fileProperty().get());
    }

    @Test
    void aBrokenFileKeepsTheCurrentDesign() throws Exception {
        MainViewModel vm = new MainViewModel(new AppPaths(home));
        vm.open(tinyFile());
        Path broken = home.resolve("broken.json");
        Files.writeString(broken, "{ not json");
        assertTrue(vm.open(broken).isPresent());
        assertTrue(vm.messageProperty().get().contains("broken.json"), vm.messageProperty().get());
        assertEquals(3, vm.editor().graph().nodes().size());
    }

    @Test
    void aCrashLeavesAnAutosaveThatTheNextStartRecovers() throws Exception {
        Path file = tinyFile();
        MainViewModel first = new MainViewModel(new AppPaths(home));
        assertTrue(first.pendingRecovery().isEmpty());
        first.beginSession();
        first.open(file);
        first.editor().addNode(new Op.Relu(), new Pos(300, 300));
        first.autosaveNow();
        // the process dies here: no endSession(), so the running marker stays
        assertTrue(Files.exists(home.resolve(".repstudio").resolve(Autosave.MARKER)));

        MainViewModel next = new MainViewModel(new AppPaths(home));
        Autosave.Recovery r = next.pendingRecovery().orElseThrow();
        assertEquals(file.toAbsolutePath().normalize(), r.source());
        next.beginSession();
        next.recover(r);
        assertEquals(first.editor().graph(), next.editor().graph());
        assertEquals(first.editor().state().positions(), next.editor().state().positions());
        assertTrue(next.editor().isDirty(), "recovered work is unsaved until saved");
        assertEquals(file.toAbsolutePath().normalize(), next.fileProperty().get());

        next.endSession();
        assertTrue(new MainViewModel(new AppPaths(home)).pendingRecovery().isEmpty(), "a clean exit leaves nothing");
    }

    @Test
    void savedWorkIsNotOfferedForRecovery() throws Exception {
        MainViewModel vm = new MainViewModel(new AppPaths(home));
        vm.beginSession();
        vm.open(tinyFile());
        vm.editor().addNode(new Op.Relu(), new Pos(0, 0));
        vm.autosaveNow();
        vm.save();
        vm.autosaveNow();
        assertTrue(new MainViewModel(new AppPaths(home)).pendingRecovery().isEmpty());
    }
}
