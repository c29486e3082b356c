package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.repstudio.core.train.ResRepSession;
import org.repstudio.core.train.RunStatus;

/** Prints a ResRep run: channels kept per compactor, MACs and accuracy before and after pruning. */
final class ResRepOutput {

    private ResRepOutput() {
    }

    static int print(ResRepSession.Report r, Path design, boolean json) {
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("design", design.toString());
            o.put("status", r.run().status().name());
            o.put("accuracyBeforePrune", r.accuracyBeforePrune());
            o.put("accuracyAfterPrune", r.accuracyAfterPrune());
            o.put("macsBefore", r.macsBefore());
            o.put("macsAfter", r.macsAfter());
            o.put("macsRemoved", r.macsRemoved());
            o.put("exact", r.exact());
            ObjectNode ch = o.putObject("channels");
            for (Map.Entry<String, int[]> e : r.channels().entrySet()) {
                ch.putArray(e.getKey()).add(e.getValue()[0]).add(e.getValue()[1]);
            }
            System.out.println(CliJson.text(o));
        } else {
            System.out.printf("ResRep on %s: accuracy %.2f%% before pruning, %.2f%% after; MACs %,d -> %,d (%.1f%% "
                    + "removed)%n", design.getFileName(), 100 * r.accuracyBeforePrune(), 100 * r.accuracyAfterPrune(),
                    r.macsBefore(), r.macsAfter(), 100 * r.macsRemoved());
            r.channels().forEach((id, k) -> System.out.printf("  %-28s kept %d of %d channels%n", id, k[0], k[1]));
        }
        return r.run().status() == RunStatus.DIVERGED ? 1 : 0;
    }
}
