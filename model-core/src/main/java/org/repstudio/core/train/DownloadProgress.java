package org.repstudio.core.train;

/** Told how far a dataset download has got; called on the thread that downloads. */
@FunctionalInterface
public interface DownloadProgress {

    /** Ignores every report. */
    DownloadProgress NONE = (dataset, url, fraction) -> { };

    /**
     * @param dataset  the dataset's CLI spelling, e.g. {@code djl:mnist}
     * @param url      where it comes from
     * @param fraction 0..1 of the bytes, or -1 while the size is not known yet
     */
    void onDownload(String dataset, String url, double fraction);
}
