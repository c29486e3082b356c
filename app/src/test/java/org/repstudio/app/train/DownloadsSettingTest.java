package org.repstudio.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.app.files.AppSettings;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.train.DataSpec;

/**
 * The "Allow downloads" choice of the training window without the toolkit: off by default, DJL's datasets
 * enabled with a note when it is on, kept in the state folder's settings.json (written atomically) and read
 * back by the next window. Nothing here downloads.
 */
class DownloadsSettingTest {

    @TempDir
    Path state;

    private final List<TrainingViewModel> opened = new ArrayList<>();

    private TrainingViewModel window(AppSettings settings) throws Exception {
        TrainingViewModel vm = new TrainingViewModel(LoadedDesign.of(DesignIO.read(TrainingViewModelTest.SAMPLE),
                null, LoadedDesign.DEFAULT_SEED), Runnable::run, settings);
        opened.add(vm);
        return vm;
    }

    @AfterEach
    void close() {
        opened.forEach(TrainingViewModel::close);
    }

    private static DatasetOption option(TrainingViewModel vm, DatasetOption.Source s) {
        return vm.datasets().stream().filter(d -> d.source() == s).findFirst().orElseThrow();
    }

    @Test
    void offByDefaultAndTheDjlDatasetsCannotBeUsed() throws Exception {
        TrainingViewModel vm = window(new AppSettings(state));
        assertFalse(vm.allowDownloadsProperty().get());
        assertEquals("", vm.downloadNoteProperty().get());
        for (DatasetOption.Source s : List.of(DatasetOption.Source.DJL_MNIST, DatasetOption.Source.DJL_FASHION,
                DatasetOption.Source.DJL_CIFAR10)) {
            assertFalse(option(vm, s).enabled(), s.name());
            assertTrue(option(vm, s).reason().contains("Allow downloads"), option(vm, s).reason());
        }
        vm.datasetProperty().set(DatasetOption.Source.DJL_MNIST);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, vm::dataSpec);
        assertTrue(e.getMessage().contains("downloads are off"), e.getMessage());
        assertFalse(Files.exists(state.resolve(AppSettings.FILE_NAME)), "nothing written until the user chooses");
    }

    @Test
    void tickingEnablesThemWithANoteAndIsRememberedAtomically() throws Exception {
        AppSettings settings = new AppSettings(state);
        TrainingViewModel vm = window(settings);
        vm.allowDownloadsProperty().set(true);

        DatasetOption mnist = option(vm, DatasetOption.Source.DJL_MNIST);
        assertTrue(mnist.enabled());
        assertTrue(mnist.label().contains("MB"), mnist.label());
        assertTrue(option(vm, DatasetOption.Source.DJL_CIFAR10).enabled());
        String note = vm.downloadNoteProperty().get();
        assertTrue(note.contains("DJL's repository") && note.contains("on first use") && note.contains("MB"), note);
        vm.datasetProperty().set(DatasetOption.Source.DJL_FASHION);
        assertEquals(DataSpec.Kind.DJL_FASHION, vm.dataSpec().kind());

        Path file = state.resolve(AppSettings.FILE_NAME);
        assertTrue(new ObjectMapper().readTree(file.toFile()).get("allowDownloads").asBoolean());
        try (Stream<Path> left = Files.list(state)) {
            assertEquals(List.of(file), left.toList(), "no temporary file left behind");
        }
        assertTrue(window(new AppSettings(state)).allowDownloadsProperty().get(), "the next window starts ticked");

        vm.allowDownloadsProperty().set(false);
        assertEquals(DatasetOption.Source.BUILTIN, vm.datasetProperty().get(), "an unusable choice is dropped");
        assertFalse(settings.allowDownloads());
        assertFalse(window(new AppSettings(state)).allowDownloadsProperty().get());
    }

    @Test
    void aDamagedSettingsFileMeansOffAndOtherFieldsAreKept() throws Exception {
        Path file = state.resolve(AppSettings.FILE_NAME);
        Files.writeString(file, "{ not json");
        assertFalse(window(new AppSettings(state)).allowDownloadsProperty().get());

        Files.writeString(file, "{\"theme\": \"dark\"}");
        new AppSettings(state).setAllowDownloads(true);
        var json = new ObjectMapper().readTree(file.toFile());
        assertEquals("dark", json.get("theme").asText());
        assertTrue(json.get("allowDownloads").asBoolean());
    }
}
