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
        /** Fetched by DJL from its repository on first use (needs downloads allowed). */
        DJL_MNIST(DataSpec.Kind.DJL_MNIST),
        DJL_FASHION(DataSpec.Kind.DJL_FASHION),
        DJL_CIFAR10(DataSpec.Kind.DJL_CIFAR10);

        private final DataSpec.Kind kind;

        Source(DataSpec.Kind kind) {
            this.kind = kind;
        }

        /** The engine's dataset kind. */
        public DataSpec.Kind kind() {
            return kind;
        }

        public boolean downloads() {
            return kind.downloads();
        }

        /** Whether the user picks a folder for it. */
        public boolean needsFolder() {
            return kind != DataSpec.Kind.BUILTIN && !downloads();
        }
    }

    @Override
    public String toString() {
        return enabled ? label : label + " (" + reason + ")";
    }
}
