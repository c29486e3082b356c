package org.repstudio.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.SampleCatalog;

/**
 * Every bundled sample, unfused and fused, exported and run in ONNX Runtime against DJL's forward of the same
 * graph: max relative error within 1e-6 (whole networks at batch 1, once each).
 */
class SampleRoundTripTest {

    static Stream<Arguments> samplesAndForms() {
        List<Arguments> all = new ArrayList<>();
        for (SampleCatalog.Sample s : SampleCatalog.all()) {
            for (OnnxForm f : OnnxForm.values()) {
                all.add(Arguments.of(s.path(), f));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samplesAndForms")
    void roundTripsWithinTolerance(String path, OnnxForm form) {
        DesignFile d = SampleCatalog.find(path).orElseThrow().design();
        Graph g = d.graph();
        Weights w = SampleCatalog.storedWeights(path).orElseGet(() -> RandomWeights.generate(g, 42));
        OnnxModel m = OnnxExporter.export(g, w, form, ExportOptions.defaults(),
                org.repstudio.core.fusion.FusionOptions.forMethod(d.method(), false));
        ExportReport r = m.report();
        assertTrue(r.maxRelDiff() <= 1e-6, path + " " + form + ": " + r.summary());
        assertEquals(form, r.form());
        assertEquals(17, r.opset());
        assertEquals(m.bytes().length, r.fileSize());
        assertTrue(r.path().isEmpty());
        boolean refusedSample = d.expect().orElseThrow() == DesignFile.Expect.REFUSED;
        assertEquals(form == OnnxForm.FUSED && refusedSample, !r.refusals().isEmpty(), r.refusals().toString());
        if (form == OnnxForm.FUSED && !refusedSample) {
            for (String op : r.nodeCounts().keySet()) {
                assertTrue(List.of("Conv", "Relu", "PRelu", "GlobalAveragePool", "Flatten", "Gemm").contains(op),
                        path + " fused still has " + op + ": " + r.nodeCounts());
            }
        }
    }
}
