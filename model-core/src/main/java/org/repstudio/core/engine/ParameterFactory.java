package org.repstudio.core.engine;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * Builds the DJL {@link Parameter} for one entry of {@code ParamSpecs}: name {@code <nodeId>.<param>},
 * a DJL type so trainers treat it right (BN mean/var are running stats, never trained), and an explicit
 * initializer so a block initializes without a trainer.
 */
final class ParameterFactory {

    /** He-normal: keeps activations of order one through deep stacks of convs. */
    private static final Initializer HE_NORMAL = new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
            XavierInitializer.FactorType.IN, 2f);
    /** PyTorch's PReLU default slope. */
    private static final float PRELU_SLOPE = 0.25f;

    private ParameterFactory() {
    }

    static String qualifiedName(String nodeId, String param) {
        return nodeId + "." + param;
    }

    static Parameter create(String nodeId, String param, int[] shape) {
        Parameter.Builder b = Parameter.builder().setName(qualifiedName(nodeId, param)).optShape(toShape(shape));
        switch (param) {
            case "weight":
                b.setType(Parameter.Type.WEIGHT).optInitializer(HE_NORMAL);
                break;
            case "bias":
                b.setType(Parameter.Type.BIAS).optInitializer(Initializer.ZEROS);
                break;
            case "gamma":
                b.setType(Parameter.Type.GAMMA).optInitializer(Initializer.ONES);
                break;
            case "beta":
                b.setType(Parameter.Type.BETA).optInitializer(Initializer.ZEROS);
                break;
            case "mean":
                b.setType(Parameter.Type.RUNNING_MEAN).optInitializer(Initializer.ZEROS).optRequiresGrad(false);
                break;
            case "var":
                b.setType(Parameter.Type.RUNNING_VAR).optInitializer(Initializer.ONES).optRequiresGrad(false);
                break;
            case "scale":
                b.setType(Parameter.Type.OTHER).optInitializer(Initializer.ONES);
                break;
            case "alpha":
                b.setType(Parameter.Type.OTHER).optInitializer(new ConstantInitializer(PRELU_SLOPE));
                break;
            default:
                throw new IllegalArgumentException("node '" + nodeId + "': unknown parameter '" + param + "'");
        }
        return b.build();
    }

    static Shape toShape(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return new Shape(l);
    }
}
