package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.engine.TrainStepBench;

/** {@code bench --train-step}: OREPA online vs offline vs plain training-step times and their ratios. */
final class TrainStepOutput {

    private TrainStepOutput() {
    }

    static int print(LoadedDesign d, int batch, int warmup, int reps, boolean json) {
        TrainStepBench.Result r;
        try {
            r = TrainStepBench.measure(d.graph(), d.weights(), batch, warmup, reps);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(d.file().getFileName() + ": " + e.getMessage());
        }
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("design", d.file().toString());
            o.put("batch", r.batch());
            o.put("reps", r.reps());
            o.put("onlineMs", r.onlineMs());
            o.put("offlineMs", r.offlineMs());
            o.put("plainMs", r.plainMs());
            o.put("onlineSpeedupVsOffline", r.onlineVsOffline());
            o.put("onlineVsPlain", r.onlineVsPlain());
            System.out.println(CliJson.text(o));
        } else {
            System.out.printf("%s training step, batch %d, median of %d: online %.2f ms, offline %.2f ms, plain %.2f"
                    + " ms; online is %.2fx faster than offline and %.2fx the plain conv%n", d.file().getFileName(),
                    r.batch(), r.reps(), r.onlineMs(), r.offlineMs(), r.plainMs(), r.onlineVsOffline(),
                    r.onlineVsPlain());
        }
        return 0;
    }
}
