package org.repstudio.core.engine;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Weights;

/**
 * Gives random weights the BN statistics a trained network would have: one training-mode forward on a
 * random batch sets every running mean and variance to the statistics that layer really sees, then
 * each is nudged a little so they are not exact batch statistics. Without this, random BN statistics
 * compound over a deep network (MobileOne-S0's logits reach 1e17) and errors read as nonsense.
 */
public final class BnCalibration {

    static {
        DjlSetup.ensureOffline();
    }

    private BnCalibration() {
    }

    public static Weights calibrate(Graph graph, Weights weights, long seed, int batch) {
        GraphBlock block = new GraphBlock(graph);
        Weights measured;
        try (NDManager manager = NDManager.newBaseManager()) {
            GraphRunner.initializeWith(block, weights, manager);
            block.setBatchNormMomentum(1.0);
            long[] shape = block.inputShape().withBatch(batch);
            Tensor x = Equivalence.standardNormal(shape, seed);
            ParameterStore store = new ParameterStore(manager, false);
            block.forward(store, new NDList(TensorBridge.toNDArray(manager, x)), true).close();
            measured = block.readWeights();
        }
        Random rnd = new Random(seed);
        Weights out = weights;
        for (Node n : graph.nodes().values()) {
            if (n.op() instanceof Op.BatchNorm) {
                Map<String, Tensor> p = new LinkedHashMap<>(weights.of(n.id()));
                double[] mean = measured.get(n.id(), "mean").data().clone();
                double[] var = measured.get(n.id(), "var").data().clone();
                for (int c = 0; c < mean.length; c++) {
                    double std = Math.sqrt(var[c]);
                    mean[c] += 0.05 * std * rnd.nextGaussian();
                    var[c] = Math.max(var[c], 1e-4) * (0.9 + 0.2 * rnd.nextDouble());
                }
                p.put("mean", Tensor.vector(mean));
                p.put("var", Tensor.vector(var));
                out = out.with(n.id(), p);
            }
        }
        return out;
    }
}
