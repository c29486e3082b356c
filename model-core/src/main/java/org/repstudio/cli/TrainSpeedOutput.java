package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.onnx.DjlThreads;
import org.repstudio.core.train.PlainBaseline;
import org.repstudio.core.train.ThreadCpu;
import org.repstudio.core.train.TrainSpeed;

/**
 * {@code bench --train}: images per second of the real training loop on the design's harness, with the
 * page faults per step. {@code --harness-out} writes that harness as a design file, which
 * {@code scripts/train_speed.py} trains in PyTorch eager for the comparison.
 */
final class TrainSpeedOutput {

    private TrainSpeedOutput() {
    }

    /** What to train and how long. */
    record Request(int steps, int batch, int threads, long seed, boolean online, boolean plain, Path harnessOut,
                   boolean json) {
    }

    static int print(LoadedDesign d, Request q) throws IOException {
        Graph design = q.plain() ? PlainBaseline.of(d.graph()) : d.graph();
        if (q.harnessOut() != null) {
            DesignIO.write(q.harnessOut(), new DesignFile("harness of " + d.file().getFileName(), "", "",
                    TrainSpeed.harness(design), Map.of(), Optional.empty(), Optional.empty(), java.util.List.of()));
        }
        TrainSpeed.Result r;
        try (DjlThreads t = DjlThreads.use(q.threads())) {
            r = TrainSpeed.measure(design, q.online(), q.steps(), q.batch(), q.seed());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(d.file().getFileName() + ": " + e.getMessage());
        }
        if (q.json()) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("design", d.file().toString());
            o.put("form", q.plain() ? "plain" : q.online() ? "online" : "offline");
            o.put("steps", r.steps());
            o.put("batch", r.batch());
            o.put("threads", q.threads());
            o.put("imagesPerSecond", r.imagesPerSecond());
            o.put("medianStepMs", r.medianStepMs());
            o.put("firstStepsMs", r.firstStepsMs());
            o.put("faultsPerStep", r.faultsPerStep());
            o.put("workCpuMsPerStep", r.workCpuMsPerStep());
            o.put("jitCpuMs", r.cpu().runMs(ThreadCpu.Kind.JIT));
            o.put("gcCpuMs", r.cpu().runMs(ThreadCpu.Kind.GC));
            o.put("waitMsPerStep", r.waitMsPerStep());
            ArrayNode losses = o.putArray("losses");
            r.losses().forEach(losses::add);
            System.out.println(o.toPrettyString());
        } else {
            System.out.printf("%s %s training, batch %d, %d steps, %d threads: %.0f img/s, median step %.2f ms,"
                    + " first steps %.2f ms, %.0f minor page faults per step; CPU: %.2f ms per step training,"
                    + " %.0f ms JIT compiling, %.0f ms GC, %.2f ms per step waiting for a core%n",
                    d.file().getFileName(), q.plain() ? "plain" : q.online() ? "online" : "offline", r.batch(),
                    r.steps(), q.threads(), r.imagesPerSecond(), r.medianStepMs(), r.firstStepsMs(),
                    r.faultsPerStep(), r.workCpuMsPerStep(), r.cpu().runMs(ThreadCpu.Kind.JIT),
                    r.cpu().runMs(ThreadCpu.Kind.GC), r.waitMsPerStep());
        }
        return 0;
    }
}
