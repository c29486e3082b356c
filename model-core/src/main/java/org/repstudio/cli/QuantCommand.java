package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.quant.KernelAnalysis;
import org.repstudio.core.quant.KernelReport;
import org.repstudio.core.quant.KernelSentences;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fuses a design and shows, per fused kernel, what symmetric INT8 does to it and which branch causes it. */
@Command(name = "quant", mixinStandardHelpOptions = true,
        description = "Per fused kernel of DESIGN: channel ranges, INT8 round-trip error per tensor and per channel,"
                + " outliers, and each branch's share of the widest channels.")
final class QuantCommand implements Callable<Integer> {

    @Mixin
    DesignInput input = new DesignInput();

    @Option(names = "--seed", description = "seed of random weights when the design has none; default ${DEFAULT-VALUE}")
    long seed = 42;

    @Option(names = "--json", description = "print the reports as JSON")
    boolean json;

    @Override
    public Integer call() {
        LoadedDesign d = input.load(seed);
        Designs.sayWeights(d);
        FusionTrace t = FusionPlanner.fuse(d.graph(), d.weights(), d.method().fusion(false));
        List<KernelReport> reports;
        try {
            reports = KernelAnalysis.of(t);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(input.path().getFileName() + ": " + e.getMessage());
        }
        if (json) {
            ArrayNode a = new ObjectMapper().createArrayNode();
            reports.forEach(r -> a.add(toJson(r)));
            System.out.println(a.toPrettyString());
        } else {
            reports.forEach(QuantCommand::print);
        }
        return 0;
    }

    private static void print(KernelReport r) {
        System.out.println(KernelSentences.summary(r));
        r.widest().forEach(c -> System.out.println("  " + KernelSentences.widest(r, c)));
        System.out.println("  " + KernelSentences.worst(r));
        for (KernelReport.Entry e : r.outliers()) {
            System.out.printf("  outlier %.4g at out %d, in %d, %d,%d%n", e.value(), e.channel(), e.input(), e.row(),
                    e.col());
        }
    }

    static ObjectNode toJson(KernelReport r) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("node", r.node());
        ArrayNode shape = o.putArray("shape");
        for (int s : r.shape()) {
            shape.add(s);
        }
        o.put("rangeSpread", r.rangeSpread());
        o.put("tensorError", r.tensorError());
        o.put("channelsError", r.channelsError());
        o.put("attributed", r.attributed());
        ArrayNode channels = o.putArray("channels");
        for (int c = 0; c < r.outChannels(); c++) {
            ObjectNode ch = channels.addObject();
            ch.put("channel", c);
            ch.put("min", r.channelMin()[c]);
            ch.put("max", r.channelMax()[c]);
            ch.put("errorPerTensor", r.errorPerTensor()[c]);
            ch.put("errorPerChannel", r.errorPerChannel()[c]);
        }
        o.put("outlierCount", r.outlierCount());
        ArrayNode outliers = o.putArray("outliers");
        r.outliers().forEach(e -> outliers.add(entry(e)));
        ArrayNode widest = o.putArray("widest");
        for (KernelReport.WidestChannel c : r.widest()) {
            ObjectNode w = widest.addObject();
            w.put("channel", c.channel());
            w.put("maxAbs", c.maxAbs());
            w.set("extreme", entry(c.extreme()));
            ArrayNode shares = w.putArray("shares");
            for (KernelReport.Share s : c.shares()) {
                shares.addObject().put("branch", s.branch()).put("contribution", s.contribution()).put("share", s.share());
            }
        }
        return o;
    }

    private static ObjectNode entry(KernelReport.Entry e) {
        return new ObjectMapper().createObjectNode().put("out", e.channel()).put("in", e.input()).put("row", e.row())
                .put("col", e.col()).put("value", e.value());
    }
}
