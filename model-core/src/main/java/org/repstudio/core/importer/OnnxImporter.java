package org.repstudio.core.importer;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a train-time ONNX model into a design. Initializers and Constant nodes are weights; sub-graphs that
 * depend on constants only (PyTorch's exporter writes one to compute a Pad's pads) are folded by running them
 * in ONNX Runtime. Each remaining node is mapped onto the IR when it can be ({@link OpPlan}), else kept as an
 * opaque node whose output shape ONNX Runtime measures. Nodes the output does not depend on are dropped.
 */
public final class OnnxImporter {

    private OnnxImporter() {
    }

    /**
     * @throws OnnxImportException naming the file and the ONNX node when the model cannot be imported
     * @throws IOException         when the file cannot be read
     */
    public static ImportedModel read(Path file) throws IOException {
        OnnxModelFile.Loaded loaded = OnnxModelFile.read(file);
        return read(loaded.model(), loaded.opset(), String.valueOf(file.getFileName()));
    }

    static ImportedModel read(ModelProto model, int opset, String source) {
        try {
            return new Reading(model, opset).run();
        } catch (OnnxImportException e) {
            throw new OnnxImportException(source + ": " + e.getMessage(), e);
        }
    }

    /** The state of one import. */
    private static final class Reading {
        final ModelProto model;
        final GraphProto g;
        final int opset;
        final Map<String, TensorProto> constants = new HashMap<>();
        final Map<String, String> nodeOfValue = new HashMap<>();
        String input;
        long[] inputShape;
        String output;

        Reading(ModelProto model, int opset) {
            this.model = model;
            this.g = model.getGraph();
            this.opset = opset;
        }

        ImportedModel run() {
            for (TensorProto t : g.getInitializerList()) {
                constants.put(t.getName(), t);
            }
            for (int i = 0; i < g.getNodeCount(); i++) {
                NodeProto n = g.getNode(i);
                for (String o : n.getOutputList()) {
                    nodeOfValue.put(o, OnnxModelFile.label(n, i));
                }
            }
            readInputAndOutput();
            List<Integer> live = liveNodes();
            foldConstants(live);
            OpPlan plan = OpPlan.of(g, live, constants, nodeOfValue);
            Set<String> probe = new java.util.LinkedHashSet<>(plan.probedValues());
            Map<String, TensorProto> measured = OrtProbe.values(model, input, inputShape, probe, nodeOfValue);
            return new IrAssembly(g, live, constants, plan, measured, nodeOfValue, input, inputShape, output, model, opset)
                    .build();
        }

        /** The one float input [N, C, H, W] (C, H, W fixed) that is not an initializer, and the one output. */
        private void readInputAndOutput() {
            List<ValueInfoProto> inputs = g.getInputList().stream().filter(v -> !constants.containsKey(v.getName()))
                    .toList();
            if (inputs.size() != 1) {
                throw new OnnxImportException("the model has " + inputs.size() + " inputs ("
                        + String.join(", ", inputs.stream().map(ValueInfoProto::getName).toList())
                        + "); RepStudio imports models with one image input");
            }
            ValueInfoProto in = inputs.get(0);
            input = in.getName();
            TensorShapeProto shape = in.getType().getTensorType().getShape();
            if (in.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT.getNumber()
                    || shape.getDimCount() != 4) {
                throw new OnnxImportException("input '" + input + "' must be a float32 [N, C, H, W] tensor");
            }
            inputShape = new long[] {1, 0, 0, 0};
            for (int i = 1; i < 4; i++) {
                TensorShapeProto.Dimension d = shape.getDim(i);
                if (!d.hasDimValue() || d.getDimValue() <= 0) {
                    throw new OnnxImportException("input '" + input + "' has a dynamic " + "CHW".charAt(i - 1)
                            + " dimension; export with a fixed image size (only the batch may be dynamic)");
                }
                inputShape[i] = d.getDimValue();
            }
            if (g.getOutputCount() != 1) {
                throw new OnnxImportException("the model has " + g.getOutputCount()
                        + " outputs; RepStudio imports models with one output");
            }
            output = g.getOutput(0).getName();
        }

        /**
         * Nodes the output depends on, in file order. A Reshape's target shape is not followed when it is
         * computed (x.view(x.size(0), -1)): that Reshape becomes a Flatten, checked against measured shapes.
         */
        private List<Integer> liveNodes() {
            Map<String, Integer> producer = new HashMap<>();
            for (int i = 0; i < g.getNodeCount(); i++) {
                for (String o : g.getNode(i).getOutputList()) {
                    producer.put(o, i);
                }
            }
            Set<Integer> live = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(output));
            while (!todo.isEmpty()) {
                Integer p = producer.get(todo.poll());
                if (p == null || !live.add(p)) {
                    continue;
                }
                NodeProto n = g.getNode(p);
                List<String> ins = n.getOpType().equals("Reshape") ? n.getInputList().subList(0, 1) : n.getInputList();
                if (n.getOpType().equals("Reshape") && n.getInputCount() > 1 && isConstantPath(n.getInput(1), producer)) {
                    ins = n.getInputList();
                }
                for (String in : ins) {
                    if (!in.isEmpty()) {
                        todo.add(in);
                    }
                }
            }
            List<Integer> order = new ArrayList<>(live);
            order.sort(Integer::compare);
            return order;
        }

        /** True when a value depends on constants only. */
        private boolean isConstantPath(String value, Map<String, Integer> producer) {
            if (constants.containsKey(value)) {
                return true;
            }
            Integer p = producer.get(value);
            if (p == null) {
                return false; // the graph input
            }
            NodeProto n = g.getNode(p);
            if (n.getOpType().equals("Constant")) {
                return true;
            }
            if (n.getInputCount() == 0) {
                return false;
            }
            for (String in : n.getInputList()) {
                if (!in.isEmpty() && !isConstantPath(in, producer)) {
                    return false;
                }
            }
            return true;
        }

        /** Constant nodes become tensors; nodes reading only constants are run once in ONNX Runtime. */
        private void foldConstants(List<Integer> live) {
            List<String> folded = new ArrayList<>();
            Set<String> known = new HashSet<>(constants.keySet());
            for (int i : live) {
                NodeProto n = g.getNode(i);
                if (n.getOpType().equals("Constant")) {
                    constants.put(n.getOutput(0), constantValue(n, OnnxModelFile.label(n, i)));
                    known.add(n.getOutput(0));
                    continue;
                }
                boolean allConstant = n.getInputCount() > 0;
                for (String in : n.getInputList()) {
                    allConstant &= in.isEmpty() || known.contains(in);
                }
                if (allConstant) {
                    for (String o : n.getOutputList()) {
                        if (!o.isEmpty()) {
                            known.add(o);
                            folded.add(o);
                        }
                    }
                }
            }
            constants.putAll(OrtProbe.values(model, input, inputShape, folded, nodeOfValue));
        }

        private static TensorProto constantValue(NodeProto n, String label) {
            for (AttributeProto a : n.getAttributeList()) {
                switch (a.getName()) {
                    case "value":
                        return a.getT().toBuilder().setName(n.getOutput(0)).build();
                    case "value_float":
                        return TensorProto.newBuilder().setName(n.getOutput(0))
                                .setDataType(TensorProto.DataType.FLOAT.getNumber()).addFloatData(a.getF()).build();
                    case "value_floats":
                        return TensorProto.newBuilder().setName(n.getOutput(0)).addDims(a.getFloatsCount())
                                .setDataType(TensorProto.DataType.FLOAT.getNumber()).addAllFloatData(a.getFloatsList())
                                .build();
                    case "value_int":
                        return TensorProto.newBuilder().setName(n.getOutput(0))
                                .setDataType(TensorProto.DataType.INT64.getNumber()).addInt64Data(a.getI()).build();
                    case "value_ints":
                        return TensorProto.newBuilder().setName(n.getOutput(0)).addDims(a.getIntsCount())
                                .setDataType(TensorProto.DataType.INT64.getNumber()).addAllInt64Data(a.getIntsList())
                                .build();
                    default:
                        break;
                }
            }
            throw OnnxImportException.at(label, "Constant without a value attribute RepStudio reads");
        }
    }

    /** Shared by the passes: the wired (non-constant, non-empty) inputs of a node, in order. */
    static List<String> wired(NodeProto n, Map<String, TensorProto> constants) {
        List<String> w = new ArrayList<>();
        for (String in : n.getInputList()) {
            if (!in.isEmpty() && !constants.containsKey(in)) {
                w.add(in);
            }
        }
        return w;
    }

    /** Reads of each value by live nodes (a node reading it twice counts twice), plus one for the graph output. */
    static Map<String, Integer> readers(GraphProto g, List<Integer> live, String output) {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (int i : live) {
            for (String in : g.getNode(i).getInputList()) {
                count.merge(in, 1, Integer::sum);
            }
        }
        count.merge(output, 1, Integer::sum);
        return count;
    }
}
