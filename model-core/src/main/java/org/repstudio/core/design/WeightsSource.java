package org.repstudio.core.design;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where a loaded design's weights came from; {@link #describe()} is the line every entry point shows. */
public sealed interface WeightsSource {

    /** Which kind of source, as scripts read it. */
    enum Kind {
        SIDECAR, TRAINED, IMPORTED, RANDOM;

        /** The lower-case name used in JSON output. */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Kind kind();

    /** One line for the user, e.g. "trained run of 2026-12-06 18:40 UTC (repvgg.trained-block.rsw)". */
    String describe();

    /** Whether the weights were drawn from a seed rather than read from a file. */
    default boolean random() {
        return kind() == Kind.RANDOM;
    }

    /** The sidecar the design file names. */
    record Sidecar(Path file) implements WeightsSource {
        @Override
        public Kind kind() {
            return Kind.SIDECAR;
        }

        @Override
        public String describe() {
            return "sidecar " + file.getFileName();
        }
    }

    /** The block's weights from the latest training run of this design (app or CLI). */
    record TrainedRun(Path file, Instant created) implements WeightsSource {
        @Override
        public Kind kind() {
            return Kind.TRAINED;
        }

        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC);

        @Override
        public String describe() {
            return "trained run of " + WHEN.format(created) + " (" + file.getFileName() + ")";
        }
    }

    /** A weights file given explicitly (--weights, an imported checkpoint). */
    record Imported(Path file) implements WeightsSource {
        @Override
        public Kind kind() {
            return Kind.IMPORTED;
        }

        @Override
        public String describe() {
            return "imported " + file.getFileName();
        }
    }

    /**
     * Random weights with random BN statistics from {@code seed}; {@code bnCalibrated}: BN statistics measured
     * on a random batch instead. {@code note} says why no stored weights were used ("" when there were none).
     */
    record Random(long seed, boolean bnCalibrated, String note) implements WeightsSource {
        @Override
        public Kind kind() {
            return Kind.RANDOM;
        }

        @Override
        public String describe() {
            return "random with seed " + seed + (bnCalibrated ? ", BN calibrated" : "")
                    + (note.isEmpty() ? "" : " (" + note + ")");
        }
    }
}
