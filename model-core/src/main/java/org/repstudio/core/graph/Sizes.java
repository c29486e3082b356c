package org.repstudio.core.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sizes checked in long before anything is allocated: no tensor may hold more values than one Java array
 * (a little under 2^31), and a design's weights must fit in the memory this Java may use. Each refusal
 * names the node and the field that makes it large.
 */
public final class Sizes {

    /** The most values one tensor (one Java array) holds. */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    /** Bytes per value as RepStudio computes (float64). */
    static final long BYTES_PER_VALUE = 8;

    private Sizes() {
    }

    /** Values per image of a node's output, or a problem naming the field that makes it too large. */
    static Problem outputProblem(Node node, TensorShape out) {
        if (out.size() <= MAX_VALUES) {
            return null;
        }
        return new Problem(node.id(), fieldOf(node.op()), "the output " + out + " holds " + count(out.size())
                + " values per image; one tensor holds at most " + count(MAX_VALUES));
    }

    /** Parameters larger than one tensor holds, and weights larger than this Java's memory. */
    static List<Problem> parameterProblems(Graph graph, Map<String, TensorShape> shapes) {
        List<Problem> problems = new ArrayList<>();
        long total = 0;
        String largest = null;
        long largestValues = 0;
        for (Node n : graph.nodes().values()) {
            List<String> in = graph.inputsOf(n.id());
            TensorShape x = in.isEmpty() ? null : shapes.get(in.get(0));
            if (x == null) {
                continue;
            }
            long nodeValues = 0;
            for (Map.Entry<String, int[]> p : ParamSpecs.of(n.op(), x).entrySet()) {
                long values = product(p.getValue());
                if (values > MAX_VALUES) {
                    problems.add(new Problem(n.id(), parameterField(n.op(), p.getValue()), "its " + p.getKey() + " "
                            + java.util.Arrays.toString(p.getValue()) + " holds " + count(values)
                            + " values; one tensor holds at most " + count(MAX_VALUES)));
                }
                nodeValues += values;
            }
            total += nodeValues;
            if (nodeValues > largestValues) {
                largestValues = nodeValues;
                largest = n.id();
            }
        }
        long bytes = total * BYTES_PER_VALUE;
        if (problems.isEmpty() && bytes > Runtime.getRuntime().maxMemory()) {
            problems.add(new Problem(largest, "weights", "the design's " + count(total) + " weights need "
                    + gigabytes(bytes) + " as float64 (" + gigabytes(largestValues * BYTES_PER_VALUE)
                    + " for this node); this Java may use " + gigabytes(Runtime.getRuntime().maxMemory())
                    + " (-Xmx)"));
        }
        return problems;
    }

    /**
     * Refuses, before it is allocated, an input of {@code shape} (batch first) that one tensor cannot hold
     * or that would take more than half the memory this Java may use.
     */
    public static void requireBatch(long[] shape) {
        long values = 1;
        for (long d : shape) {
            values = d > 0 && values > Long.MAX_VALUE / d ? Long.MAX_VALUE : values * d;
        }
        String what = "batch " + shape[0] + " (an input of " + java.util.Arrays.toString(shape) + ")";
        if (values > MAX_VALUES) {
            throw new IllegalArgumentException(what + " holds " + count(values) + " values; one tensor holds at most "
                    + count(MAX_VALUES) + "; use a smaller batch");
        }
        long bytes = values * BYTES_PER_VALUE;
        if (bytes > Runtime.getRuntime().maxMemory() / 2) {
            throw new IllegalArgumentException(what + " needs " + gigabytes(bytes) + " as float64; this Java may use "
                    + gigabytes(Runtime.getRuntime().maxMemory()) + " (-Xmx); use a smaller batch");
        }
    }

    /** The field whose value sets a node's output or parameter size. */
    private static String fieldOf(Op op) {
        if (op instanceof Op.Input) {
            return "shape";
        } else if (op instanceof Op.Conv) {
            return "outChannels";
        } else if (op instanceof Op.Linear) {
            return "outFeatures";
        } else if (op instanceof Op.Pad || op instanceof Op.AvgPool) {
            return "padding";
        }
        return "inputs";
    }

    /** The field that makes a parameter large: a conv's kernel or its channels, a linear's sizes. */
    private static String parameterField(Op op, int[] shape) {
        if (op instanceof Op.Conv c && shape.length == 4) {
            long kernel = (long) c.kernelH() * c.kernelW();
            return kernel >= Math.max(shape[0], shape[1]) ? "kernel" : shape[1] > shape[0] ? "inputs" : "outChannels";
        }
        if (op instanceof Op.Linear && shape.length == 2 && shape[1] > shape[0]) {
            return "inputs";
        }
        return fieldOf(op);
    }

    private static long product(int[] dims) {
        long p = 1;
        for (int d : dims) {
            p *= d;
            if (p > MAX_VALUES * 1024) {
                return p; // large enough to refuse; stops before long overflow
            }
        }
        return p;
    }

    private static String count(long n) {
        return n < 1_000_000 ? String.format("%,d", n) : String.format("%.3g", (double) n);
    }

    private static String gigabytes(long bytes) {
        return String.format("%.1f GB", bytes / 1e9);
    }
}
