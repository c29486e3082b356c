package org.repstudio.core.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.AtomicFiles;
import org.repstudio.core.io.DesignFile;

/**
 * Writes a design as a PyTorch package: {@code model.py}, {@code weights.safetensors} (the state_dict
 * under the generated module's names), {@code train.py} and {@code README.md}. Everything is rendered
 * in memory first (the weights as their state_dict); the files are then written one by one, each atomically.
 */
public final class PyTorchExport {

    public static final String WEIGHTS_FILE = "weights.safetensors";
    /** Every file {@link #write} puts into its folder, so a command can check them before writing. */
    public static final java.util.List<String> FILES = java.util.List.of("model.py", WEIGHTS_FILE, "train.py",
            "README.md");
    /** PyTorch-convention BatchNorm momentum, the one RepStudio's trainer uses (DJL takes 1 - this). */
    public static final double BN_MOMENTUM = 0.1;

    /** What was written: the files and the number of tensors in the state_dict. */
    public record Report(Path dir, List<Path> files, int tensors, long parameters) {
    }

    private PyTorchExport() {
    }

    /** The state_dict of the generated module: float32 tensors plus BN's num_batches_tracked (int64, 0). */
    public static Map<String, RawTensor> stateDict(DesignFile design, Weights weights) {
        Graph graph = design.graph();
        Map<String, RawTensor> out = new LinkedHashMap<>();
        TorchNames.of(design).stateDictKeys(graph).forEach((node, keys) -> {
            keys.forEach((param, key) -> out.put(key, RawTensor.ofFloat32(weights.get(node, param))));
            if (graph.node(node).op() instanceof Op.BatchNorm) {
                String module = keys.get("gamma").substring(0, keys.get("gamma").length() - ".weight".length());
                out.put(module + ".num_batches_tracked", RawTensor.int64Scalar(0));
            }
        });
        return out;
    }

    public static Report write(Path dir, DesignFile design, Weights weights, String sourceName) throws IOException {
        Map<String, RawTensor> state = stateDict(design, weights);
        String model = ModelPy.write(design, sourceName, WEIGHTS_FILE, BN_MOMENTUM);
        TensorShape in = ShapeInference.infer(design.graph()).shapes().get(design.graph().inputIds().get(0));
        String readme = resource("README.md").replace("{{NAME}}", design.name()).replace("{{SOURCE}}", sourceName)
                .replace("{{PARAMS}}", String.format("%,d", weights.count())).replace("{{WEIGHTS}}", WEIGHTS_FILE)
                .replace("{{MOMENTUM}}", ModelPy.num(BN_MOMENTUM))
                .replace("{{INPUT}}", in.channels() + " x " + in.height() + " x " + in.width());
        Files.createDirectories(dir);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("model.py", model.getBytes(StandardCharsets.UTF_8));
        files.put("train.py", resource("train.py").getBytes(StandardCharsets.UTF_8));
        files.put("README.md", readme.getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve(WEIGHTS_FILE), out -> Safetensors.write(out, state,
                Map.of("format", "pt", "source", sourceName)));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            AtomicFiles.write(dir.resolve(f.getKey()), f.getValue());
        }
        List<Path> written = new java.util.ArrayList<>(List.of(dir.resolve(WEIGHTS_FILE)));
        files.keySet().forEach(f -> written.add(dir.resolve(f)));
        return new Report(dir, written, state.size(), weights.count());
    }

    private static String resource(String name) {
        try (InputStream in = PyTorchExport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
