package org.repstudio.core.train;

import ai.djl.basicdataset.BasicDatasets;
import ai.djl.repository.Artifact;
import ai.djl.repository.MRL;
import ai.djl.repository.RemoteRepository;
import ai.djl.repository.Repository;
import ai.djl.util.Progress;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * Whether DJL's downloadable datasets may be fetched, and from where. Off by default: {@link #off()} refuses
 * before DJL is asked anything, so nothing goes over the network. {@link #allowed(DownloadProgress)} fetches
 * into DJL's cache ({@code ~/.djl.ai/cache/repo}, or {@code DJL_CACHE_DIR}) on first use and reuses it after.
 *
 * <p>The repository is DJL's own ({@code https://mlrepo.djl.ai/}) unless the system property
 * {@value #REPOSITORY_PROPERTY} names another with the same layout (a mirror).
 */
public final class DjlDownloads {

    /** System property: base URL of a repository laid out like DJL's. */
    public static final String REPOSITORY_PROPERTY = "repstudio.djlRepository";

    private static final DjlDownloads OFF = new DjlDownloads(false, null, DownloadProgress.NONE);

    private final boolean allowed;
    private final Repository repository;
    private final DownloadProgress progress;

    private DjlDownloads(boolean allowed, Repository repository, DownloadProgress progress) {
        this.allowed = allowed;
        this.repository = repository;
        this.progress = Objects.requireNonNull(progress);
    }

    /** Downloads are off: every DJL dataset is refused with a message saying how to turn them on. */
    public static DjlDownloads off() {
        return OFF;
    }

    /** Downloads from DJL's repository (or the one {@value #REPOSITORY_PROPERTY} names). */
    public static DjlDownloads allowed(DownloadProgress progress) {
        return new DjlDownloads(true, defaultRepository(), progress);
    }

    /** Downloads from {@code repository}. */
    public static DjlDownloads allowed(Repository repository, DownloadProgress progress) {
        return new DjlDownloads(true, Objects.requireNonNull(repository), progress);
    }

    /** Where DJL keeps what it downloaded ({@code DJL_CACHE_DIR}, else {@code ~/.djl.ai}); nothing is created. */
    public static java.nio.file.Path cacheDirectory() {
        return ai.djl.util.Utils.getCacheDir().resolve("cache").resolve("repo");
    }

    public boolean isAllowed() {
        return allowed;
    }

    /** DJL's repository, or the mirror named by {@value #REPOSITORY_PROPERTY}; nothing is fetched here. */
    public static Repository defaultRepository() {
        String url = System.getProperty(REPOSITORY_PROPERTY);
        if (url == null || url.isBlank()) {
            return BasicDatasets.REPOSITORY;
        }
        return new RemoteRepository("BasicDataset", URI.create(url.endsWith("/") ? url : url + "/"));
    }

    /**
     * Fetches {@code dataset} (unless DJL's cache has it) and reads it.
     *
     * @throws DatasetException when downloads are off, the download fails (naming the dataset and URL) or
     *                          a downloaded file is malformed
     */
    public ImageData load(DjlDataset dataset) {
        Repository repo = allowed ? repository : defaultRepository();
        String url = dataset.url(repo);
        if (!allowed) {
            throw new DatasetException(dataset.spec() + " is downloaded from DJL's dataset repository (" + url
                    + ", about " + dataset.approxMegabytes() + " MB), but downloads are off: RepStudio runs DJL"
                    + " offline unless you allow them. Pass --allow-downloads (in the app: tick \"Allow downloads\""
                    + " in the training window), or download the files yourself and use " + dataset.localSpec());
        }
        Artifact artifact;
        try {
            artifact = OfflineModeLift.during(() -> fetch(dataset, repo, url));
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(dataset.spec() + ": could not download from " + url + ": " + describe(e)
                    + ". Check the connection, or download the files yourself and use " + dataset.localSpec(), e);
        }
        try {
            return dataset.read(repo, artifact);
        } catch (IOException e) {
            throw new DatasetException(dataset.spec() + ": cannot read DJL's cached files: " + e.getMessage(), e);
        }
    }

    private Artifact fetch(DjlDataset dataset, Repository repo, String url) throws IOException {
        MRL mrl = dataset.mrl(repo);
        Artifact artifact = mrl.getDefaultArtifact();
        if (artifact == null) {
            throw new IOException("its metadata lists no version " + DjlDataset.VERSION);
        }
        mrl.prepare(artifact, new ProgressAdapter(dataset.spec(), url, progress));
        return artifact;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        String type = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? type : e instanceof java.io.FileNotFoundException ? "not found (" + m + ")"
                : type + ": " + m;
    }

    /** DJL's byte counts as fractions, reported at most once per percent. */
    private static final class ProgressAdapter implements Progress {
        private final String dataset;
        private final String url;
        private final DownloadProgress target;
        private long total;
        private long done;
        private int lastPercent = -2;

        ProgressAdapter(String dataset, String url, DownloadProgress target) {
            this.dataset = dataset;
            this.url = url;
            this.target = target;
        }

        @Override
        public void reset(String message, long max, String trailingMessage) {
            total = max;
            done = 0;
            report();
        }

        @Override
        public void start(long initialProgress) {
            done = initialProgress;
            report();
        }

        @Override
        public void end() {
            if (total > 0) {
                done = total;
            }
            report();
        }

        @Override
        public void increment(long increment) {
            if (increment > 0) {
                done += increment;
                report();
            }
        }

        @Override
        public void update(long progress, String message) {
            done = progress;
            report();
        }

        private void report() {
            int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : -1;
            if (percent != lastPercent) {
                lastPercent = percent;
                target.onDownload(dataset, url, percent < 0 ? -1 : percent / 100.0);
            }
        }
    }
}
