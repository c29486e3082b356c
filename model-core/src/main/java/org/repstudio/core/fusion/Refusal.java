package org.repstudio.core.fusion;

import java.util.List;

/**
 * A region left unfused because no exact fusion exists, with the reason in words and, where one was
 * measured, the largest output error the naive fusion would make on the border and in the interior.
 */
public record Refusal(String region, List<String> nodes, String reason, double maxBorderError,
                      double maxInteriorError) {

    public static Refusal unmeasured(String region, List<String> nodes, String reason) {
        return new Refusal(region, nodes, reason, Double.NaN, Double.NaN);
    }

    public boolean measured() {
        return !Double.isNaN(maxBorderError);
    }
}
