package org.repstudio.core.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Locale;

/**
 * Keeps glibc's malloc from handing memory back to the kernel between training steps. Each step frees and
 * re-allocates the same few megabytes of activations; with glibc's default thresholds that memory is
 * returned (trimmed or unmapped) and touched afresh every step, thousands of minor page faults per step
 * that PyTorch in Python does not pay. Raising the trim threshold to 1 GiB and the mmap threshold to 32 MiB
 * keeps it in the heap. One arena: a thread other than the process's first (the JVM runs {@code main} on one)
 * gets an arena of 64 MiB heaps, and glibc unmaps a heap of such an arena as soon as it is empty, whatever
 * the trim threshold; once a step's activations outgrow 64 MiB (DBB at batch 256) heaps were mapped and
 * unmapped every step, up to 12,000 page faults per step. The launcher sets the same through
 * {@code GLIBC_TUNABLES} (and Surefire for the tests); this applies it to any other entry point
 * ({@code mvn javafx:run}, an IDE). The thresholds take effect at once; the arena limit only in part: glibc
 * fixes its arena count once a process has more than eight arenas, and new threads may still be handed an
 * existing arena of 64 MiB heaps, so only {@code GLIBC_TUNABLES} at start is sure of it.
 * {@code -Drepstudio.mallocTuning=false} turns it off; elsewhere than glibc it does nothing.
 */
final class MallocTuning {

    /** mallopt parameters, from glibc's malloc.h. */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int M_ARENA_MAX = -8;
    static final int TRIM_THRESHOLD = 1 << 30;
    static final int MMAP_THRESHOLD = 32 << 20;
    static final int ARENA_MAX = 1;

    /** The outcome of the one attempt per process; null before it. */
    private static Boolean applied;

    private MallocTuning() {
    }

    /** Applies the thresholds once per process; true when glibc took them. */
    static synchronized boolean apply() {
        if (applied != null) {
            return applied;
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || "false".equals(System.getProperty("repstudio.mallocTuning"))) {
            applied = false;
            return false;
        }
        try {
            Function mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            applied = mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD}) == 1
                    & mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD}) == 1
                    & mallopt.invokeInt(new Object[] {M_ARENA_MAX, ARENA_MAX}) == 1;
        } catch (LinkageError | RuntimeException e) {
            applied = false; // not glibc (musl has no mallopt) or no JNA: the default allocator stays
        }
        return applied;
    }
}
