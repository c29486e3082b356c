package org.repstudio.core.train;

import ai.djl.Application;
import ai.djl.basicdataset.BasicDatasets;
import ai.djl.repository.Artifact;
import ai.djl.repository.MRL;
import ai.djl.repository.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A dataset DJL's basicdataset module downloads from its repository, with the coordinates its
 * {@code Mnist}, {@code FashionMnist} and {@code Cifar10} builders use (group {@code ai.djl.basicdataset},
 * version 1.0). The downloaded files are read with this package's own readers, so training sees the same
 * {@link ImageData} as from local files.
 */
public enum DjlDataset {
    MNIST("mnist", "MNIST", "mnist", 11),
    FASHION("fashmnist", "Fashion-MNIST", "fashion", 30),
    CIFAR10("cifar10", "CIFAR-10", "cifar10", 163);

    /** The artifact version the basicdataset builders ask for. */
    static final String VERSION = "1.0";

    private final String artifactId;
    private final String title;
    private final String localKind;
    private final int megabytes;

    DjlDataset(String artifactId, String title, String localKind, int megabytes) {
        this.artifactId = artifactId;
        this.title = title;
        this.localKind = localKind;
        this.megabytes = megabytes;
    }

    /** The CLI spelling, e.g. {@code djl:mnist}. */
    public String spec() {
        return "djl:" + localKind;
    }

    public String title() {
        return title;
    }

    /** The download size, roughly (what DJL's repository served when this was written). */
    public int approxMegabytes() {
        return megabytes;
    }

    /** The CLI spelling of the same data read from a folder, e.g. {@code mnist:DIR}. */
    public String localSpec() {
        return localKind + ":DIR";
    }

    MRL mrl(Repository repository) {
        return repository.dataset(Application.CV.ANY, BasicDatasets.GROUP_ID, artifactId, VERSION);
    }

    /** Where the dataset's metadata lives in {@code repository}, for messages. */
    String url(Repository repository) {
        return repository.getBaseUri().resolve(mrl(repository).toURI().getPath()).toString();
    }

    /** Reads a prepared (downloaded) artifact from DJL's cache with this package's readers. */
    ImageData read(Repository repository, Artifact artifact) throws IOException {
        Map<String, Artifact.Item> files = artifact.getFiles();
        if (this == CIFAR10) {
            LabeledImages train = Cifar10Reader.readFiles(List.of(file(repository, files, "data_batch.bin")));
            LabeledImages test = Cifar10Reader.readFiles(List.of(file(repository, files, "test_batch.bin")));
            return ImageData.of("cifar10", train, test);
        }
        List<String> classes = this == MNIST ? IdxReader.DIGITS : IdxReader.FASHION;
        LabeledImages train = IdxReader.split(file(repository, files, "train_data"),
                file(repository, files, "train_labels"), classes);
        LabeledImages test = IdxReader.split(file(repository, files, "test_data"),
                file(repository, files, "test_labels"), classes);
        return ImageData.of(this == MNIST ? "mnist" : "fashion-mnist", train, test);
    }

    private Path file(Repository repository, Map<String, Artifact.Item> files, String key) throws IOException {
        Artifact.Item item = files.get(key);
        if (item == null) {
            throw new DatasetException(spec() + ": DJL's metadata has no '" + key + "' file (has " + files.keySet()
                    + ")");
        }
        return repository.getFile(item, "");
    }
}
