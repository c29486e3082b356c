package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.cli.CliRun;

/**
 * DJL's downloadable datasets against a repository on loopback: refused without permission (and nothing is
 * requested), fetched through DJL's RemoteRepository with it, offline mode lifted only meanwhile, failures
 * named with the dataset and URL.
 */
class DjlDownloadsTest {

    @TempDir
    Path cache;

    private LoopbackDjlRepository server;

    @BeforeEach
    void serveTinyMnist() throws Exception {
        server = new LoopbackDjlRepository();
        server.publish("mnist", Map.of(
                "train_data", Map.entry("train-images-idx3-ubyte.gz", DatasetFiles.gzip(DatasetFiles.idxImages(96, 28, 28))),
                "train_labels", Map.entry("train-labels-idx1-ubyte.gz", DatasetFiles.gzip(DatasetFiles.idxLabels(96))),
                "test_data", Map.entry("t10k-images-idx3-ubyte.gz", DatasetFiles.gzip(DatasetFiles.idxImages(32, 28, 28))),
                "test_labels", Map.entry("t10k-labels-idx1-ubyte.gz", DatasetFiles.gzip(DatasetFiles.idxLabels(32)))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withDownloadsOffTheDatasetIsRefusedAndNothingIsRequested() {
        System.setProperty(DjlDownloads.REPOSITORY_PROPERTY, server.baseUri().toString());
        try {
            DatasetException e = assertThrows(DatasetException.class, () -> DataSpec.parse("djl:mnist").load(1));
            assertTrue(e.getMessage().contains("downloads are off"), e.getMessage());
            assertTrue(e.getMessage().contains("--allow-downloads"), e.getMessage());
            assertTrue(e.getMessage().contains(server.baseUri().toString()), "names where it would come from");

            CliRun r = CliRun.of("train", Path.of("..", "samples", "repvgg-s1.json").toString(), "--data", "djl:mnist",
                    "--no-save");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("djl:mnist is downloaded from DJL's dataset repository"), r.err());
            assertTrue(r.err().contains("downloads are off"), r.err());
            assertTrue(r.err().contains("--allow-downloads"), r.err());
            assertFalse(r.err().contains("djl:mnist: djl:mnist"), "named once: " + r.err());
        } finally {
            System.clearProperty(DjlDownloads.REPOSITORY_PROPERTY);
        }
        assertEquals(List.of(), server.requests, "no request reached the repository");
    }

    @Test
    void allowedDownloadFetchesThroughDjlAndTrains() {
        List<Double> fractions = new CopyOnWriteArrayList<>();
        String before = System.getProperty("ai.djl.offline");
        DjlDownloads downloads = DjlDownloads.allowed(server.repository(cache), (d, url, f) -> fractions.add(f));

        ImageData data = DataSpec.parse("djl:mnist").load(7, downloads);

        assertEquals(96, data.train().count());
        assertEquals(32, data.test().count());
        assertEquals(28, data.train().height());
        assertEquals("0", data.train().classNames().get(0));
        assertTrue(server.requests.contains(LoopbackDjlRepository.DATASET_DIR + "mnist/metadata.json"), server.requests.toString());
        assertTrue(server.requests.contains(LoopbackDjlRepository.DATASET_DIR + "mnist/1.0/train-images-idx3-ubyte.gz"));
        assertTrue(server.offlineDuringRequests.stream().allMatch("false"::equals),
                "offline mode lifted while fetching: " + server.offlineDuringRequests);
        assertEquals(before, System.getProperty("ai.djl.offline"), "and restored after");
        assertEquals(1.0, fractions.get(fractions.size() - 1), "progress ends at 100%");
        assertTrue(fractions.stream().anyMatch(f -> f > 0 && f < 1), "and passes through the middle: " + fractions);

        int served = server.requests.size();
        ImageData again = DataSpec.parse("djl:mnist").load(7, downloads);
        assertEquals(96, again.train().count());
        assertTrue(server.requests.size() == served, "second use reads DJL's cache: " + server.requests);

        TrainConfig cfg = TrainConfig.defaults().withBatchSize(16).withHarness(new HarnessSpec(1, 2));
        TrainReport r = TrainingSession.run("djl-mnist", HarnessTest.sample("repvgg-s1.json"), data, cfg, false,
                new TrainingListener() { }, new CancelToken());
        assertEquals(RunStatus.COMPLETED, r.run().status(), r.run().message());
        assertNotNull(r.collapse());
        assertTrue(r.collapse().predictionAgreement() >= 0.999);
    }

    @Test
    void aFailedDownloadNamesTheDatasetAndUrlAndRestoresOfflineMode() {
        server.remove(LoopbackDjlRepository.DATASET_DIR + "mnist/1.0/t10k-images-idx3-ubyte.gz");
        String before = System.getProperty("ai.djl.offline");
        DjlDownloads downloads = DjlDownloads.allowed(server.repository(cache), DownloadProgress.NONE);

        DatasetException e = assertThrows(DatasetException.class, () -> DataSpec.parse("djl:mnist").load(1, downloads));

        String url = server.baseUri() + "dataset/cv/ai/djl/basicdataset/mnist/";
        assertTrue(e.getMessage().startsWith("djl:mnist: could not download from " + url), e.getMessage());
        assertTrue(e.getMessage().contains("mnist:DIR"), e.getMessage());
        assertEquals(before, System.getProperty("ai.djl.offline"), "offline mode restored after a failure");
    }

    @Test
    void cifar10ReadsDjlsTwoBatchFiles() {
        server.publish("cifar10", Map.of(
                "data_batch.bin", Map.entry("data_batch.bin", DatasetFiles.cifarRecords(20)),
                "test_batch.bin", Map.entry("test_batch.bin", DatasetFiles.cifarRecords(10))));
        ImageData data = DataSpec.parse("djl:cifar10").load(1, DjlDownloads.allowed(server.repository(cache),
                DownloadProgress.NONE));
        assertEquals(20, data.train().count());
        assertEquals(10, data.test().count());
        assertEquals(3, data.train().channels());
        assertEquals("airplane", data.train().classNames().get(0));
    }

    @Test
    void spellings() {
        assertEquals(DataSpec.Kind.DJL_FASHION, DataSpec.parse("djl:fashion").kind());
        assertEquals("djl:cifar10", DataSpec.parse("DJL:CIFAR10").toString());
        assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("djl:imagenet"));
    }
}
