package org.repstudio.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Costs#human} writes what it wrote with String.format, without a Formatter. */
class CostsFormatTest {

    private static String viaFormat(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        String[] units = {"K", "M", "G", "T"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return (v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v))
                + " " + units[u];
    }

    @Test
    void sameTextAsStringFormat() {
        long[] edges = {0, 1, 999, 1000, 1005, 1015, 1025, 1234, 9994, 9995, 9999, 10_000, 10_050, 10_150, 99_949,
            99_950, 99_999, 100_000, 100_500, 999_499, 999_500, 999_999, 1_000_000, 2_300_000, 4_718_592, 32_768,
            524_288, 1_500_000_000L, 3_040_000_000L, 999_999_999_999L, 1_000_000_000_000L, 123_456_789_012_345L,
            Long.MAX_VALUE};
        for (long n : edges) {
            assertEquals(viaFormat(n), Costs.human(n), "n = " + n);
        }
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            long n = (long) Math.pow(10, r.nextDouble() * 15);
            assertEquals(viaFormat(n), Costs.human(n), "n = " + n);
        }
        assertEquals("2.30 K", Costs.human(2304));
        assertEquals("4.72 M", Costs.human(4_718_592));
    }
}
