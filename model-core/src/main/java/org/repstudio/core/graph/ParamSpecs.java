package org.repstudio.core.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which parameters each op has and their shapes, given the op's input shape. Shapes:
 * conv weight [O, C/groups, kH, kW], bias [O]; BN gamma, beta, mean, var [C]; scale [C];
 * PReLU alpha [C]; linear weight [O, F], bias [O].
 */
public final class ParamSpecs {

    private ParamSpecs() {
    }

    /** Parameter name to shape, in a stable order; empty for ops without parameters. */
    public static Map<String, int[]> of(Op op, TensorShape input) {
        Map<String, int[]> m = new LinkedHashMap<>();
        if (op instanceof Op.Conv c) {
            m.put("weight", new int[] {c.outChannels(), input.channels() / c.groups(), c.kernelH(), c.kernelW()});
            if (c.bias()) {
                m.put("bias", new int[] {c.outChannels()});
            }
        } else if (op instanceof Op.BatchNorm) {
            for (String name : new String[] {"gamma", "beta", "mean", "var"}) {
                m.put(name, new int[] {input.channels()});
            }
        } else if (op instanceof Op.Scale) {
            m.put("scale", new int[] {input.channels()});
        } else if (op instanceof Op.PRelu) {
            m.put("alpha", new int[] {input.channels()});
        } else if (op instanceof Op.Linear l) {
            m.put("weight", new int[] {l.outFeatures(), input.channels()});
            if (l.bias()) {
                m.put("bias", new int[] {l.outFeatures()});
            }
        }
        return m;
    }
}
