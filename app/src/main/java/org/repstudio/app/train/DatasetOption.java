package org.repstudio.app.train;

import org.repstudio.core.train.DataSpec;

/**
 * One entry of the dataset list: what it is, whether it needs a folder, and when it cannot be picked,
 * why ({@code reason}, shown beside the disabled entry).
 */
public record DatasetOption(Source source, String label, boolean needsFolder, boolean enabled, String reason) {

    /** Where the images come from. */
    public enum Source {
        BUILTIN(DataSpec.Kind.BUILTIN),
        MNIST(DataSpec.Kind.MNIST),
        FASHION(DataSpec.Kind.FASHION),
        CIFAR10(DataSpec.Kind.CIFAR10),
        FOLDER(DataSpec.Kind.FOLDER),
        /** MNIST fetched by DJL's basicdataset module (needs downloads). */
        DJL_MNIST(null),
        /** CIFAR-10 fetched by DJL's basicdataset module (needs downloads). */
        DJL_CIFAR10(null);

        private final DataSpec.Kind kind;

        Source(DataSpec.Kind kind) {
            this.kind = kind;
        }

        /** The engine's dataset kind; null for the downloadable ones. */
        public DataSpec.Kind kind() {
            return kind;
        }

        public boolean downloads() {
            return kind == null;
        }
    }

    @Override
    public String toString() {
        return enabled ? label : label + " (" + reason + ")";
    }
}
