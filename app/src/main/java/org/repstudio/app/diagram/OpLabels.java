package org.repstudio.app.diagram;

import org.repstudio.core.graph.Op;

/** Short human-readable text for an op, and the colour category its node box gets. */
public final class OpLabels {

    private OpLabels() {
    }

    /** One line such as "conv 3×3 · s2 · 64 ch · g4" or "avgpool 3×3 · s1". */
    public static String summary(Op op) {
        if (op instanceof Op.Input in) {
            return "input " + in.channels() + "×" + in.height() + "×" + in.width();
        }
        if (op instanceof Op.Conv c) {
            StringBuilder s = new StringBuilder("conv ").append(kernel(c.kernelH(), c.kernelW()))
                    .append(" · ").append(stride(c.strideH(), c.strideW()))
                    .append(" · ").append(c.outChannels()).append(" ch");
            if (c.groups() == c.outChannels() && c.groups() > 1) {
                s.append(" · dw");
            } else if (c.groups() > 1) {
                s.append(" · g").append(c.groups());
            }
            if (c.dilationH() > 1 || c.dilationW() > 1) {
                s.append(" · d").append(c.dilationH() == c.dilationW() ? String.valueOf(c.dilationH())
                        : c.dilationH() + "×" + c.dilationW());
            }
            return s.toString();
        }
        if (op instanceof Op.AvgPool p) {
            return "avgpool " + kernel(p.kernelH(), p.kernelW()) + " · " + stride(p.strideH(), p.strideW());
        }
        if (op instanceof Op.Pad p) {
            return "pad " + p.padding() + (p.mode() == Op.PadMode.BIAS ? " · bias" : " · zero");
        }
        if (op instanceof Op.Linear l) {
            return "linear → " + l.outFeatures();
        }
        if (op instanceof Op.BatchNorm) {
            return "batch norm";
        }
        if (op instanceof Op.Add) {
            return "sum";
        }
        if (op instanceof Op.Relu) {
            return "ReLU";
        }
        if (op instanceof Op.PRelu) {
            return "PReLU";
        }
        if (op instanceof Op.GlobalAvgPool) {
            return "global avgpool";
        }
        if (op instanceof Op.Opaque o) {
            return "ONNX " + o.opType(); // kept whole from an imported model
        }
        return op.kind();
    }

    /**
     * The colour family of an op's box: input, conv, norm (BN, scale), pool, merge (sum, concat),
     * act (nonlinearities), output, or other. The view adds it as the style class {@code rs-op-<category>}.
     */
    public static String category(Op op) {
        if (op instanceof Op.Input) {
            return "input";
        }
        if (op instanceof Op.Output) {
            return "output";
        }
        if (op instanceof Op.Conv || op instanceof Op.Linear) {
            return "conv";
        }
        if (op instanceof Op.BatchNorm || op instanceof Op.Scale) {
            return "norm";
        }
        if (op instanceof Op.AvgPool || op instanceof Op.GlobalAvgPool) {
            return "pool";
        }
        if (op instanceof Op.Add || op instanceof Op.Concat) {
            return "merge";
        }
        if (op instanceof Op.Relu || op instanceof Op.PRelu) {
            return "act";
        }
        return "other";
    }

    private static String kernel(int h, int w) {
        return h + "×" + w;
    }

    private static String stride(int h, int w) {
        return h == w ? "s" + h : "s" + h + "×" + w;
    }
}
