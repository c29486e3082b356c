package org.repstudio.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.train.HarnessSpec;

/** A design trained as the training window trains it, on a few images, for tests across packages. */
public final class TinyRuns {

    private TinyRuns() {
    }

    /**
     * Trains {@code file} (batch 32, 128 train / 64 test images, one block copy in the flat harness, one epoch)
     * and waits until done; the caller closes the returned model.
     */
    public static TrainingViewModel trainInApp(Path file) throws Exception {
        TrainingViewModel vm = new TrainingViewModel(LoadedDesign.of(DesignIO.read(file), file,
                LoadedDesign.DEFAULT_SEED), Runnable::run);
        vm.batchSizeProperty().set(32);
        vm.maxTrainImagesProperty().set(128);
        vm.maxTestImagesProperty().set(64);
        vm.copiesProperty().set(1);
        vm.harnessProperty().set(HarnessSpec.Layout.FLAT); // as ./repstudio train runs without --harness
        vm.start();
        assertEquals(TrainingStatus.DONE, vm.whenIdle().get(300, TimeUnit.SECONDS), vm.messageProperty().get());
        return vm;
    }
}
