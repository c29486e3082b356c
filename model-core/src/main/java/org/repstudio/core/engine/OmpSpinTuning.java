package org.repstudio.core.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Locale;

/**
 * Keeps PyTorch's idle intra-op threads from spinning for milliseconds between ops. libgomp (the OpenMP
 * runtime DJL's PyTorch uses) lets a thread that finished its share of an op busy-wait about 300,000
 * rounds, some 10 ms, for the next one. On a 2-core machine with two intra-op threads that spin holds
 * the core another thread needs (the JIT compiler, the GC, any other process), and when the other
 * intra-op thread is the one kept off, the op stalls for whole scheduler slices. 1,000 rounds, what
 * libgomp itself uses when it sees more threads than cores, still covers the gap between two ops of a
 * step. The launcher exports {@code GOMP_SPINCOUNT=1000} unless it is set; this sets the same with
 * {@code setenv} for any other entry point, which only takes effect when it runs before PyTorch's native
 * library is loaded (every entry point of this package applies it first, {@link DjlSetup}). A value the
 * user set is kept; {@code -Drepstudio.ompSpinTuning=false} turns it off.
 */
final class OmpSpinTuning {

    static final String VARIABLE = "GOMP_SPINCOUNT";
    static final String SPIN_COUNT = "1000";

    private static boolean applied;

    private OmpSpinTuning() {
    }

    /** Sets the spin count once per process unless it is already set; true when it is set now. */
    static synchronized boolean apply() {
        if (applied) {
            return true;
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || "false".equals(System.getProperty("repstudio.ompSpinTuning"))) {
            return false;
        }
        try {
            NativeLibrary c = NativeLibrary.getInstance("c");
            Function setenv = c.getFunction("setenv");
            applied = setenv.invokeInt(new Object[] {VARIABLE, SPIN_COUNT, 0}) == 0; // 0: keep the user's value
        } catch (LinkageError | RuntimeException e) {
            applied = false;
        }
        return applied;
    }

    /** The spin count libgomp will read, as the C library sees the environment now; null when unset. */
    static String current() {
        try {
            return NativeLibrary.getInstance("c").getFunction("getenv").invokeString(new Object[] {VARIABLE}, false);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }
}
