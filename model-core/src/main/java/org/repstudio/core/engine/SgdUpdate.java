package org.repstudio.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * DJL's SGD update (momentum, weight decay: {@code state = m*state + lr*(g + wd*w); w -= state}, update k
 * at the schedule's rate for k, counted from 1) applied straight to the block's parameters on PyTorch.
 * {@code Trainer.step()} goes through a parameter server that copies every gradient before the update
 * copies it again; here each parameter costs one native update and one gradient reset, as in PyTorch.
 * Other engines keep {@code Trainer.step()} ({@link #supports}): MXNet updates its own copy of the weights.
 */
public final class SgdUpdate {

    private static final float NO_CLIP = -1f;

    private final List<Parameter> trained = new ArrayList<>();
    private final Map<Parameter, NDArray> states = new IdentityHashMap<>();
    private final Tracker learningRate;
    private final float momentum;
    private final float weightDecay;
    private int updates;

    public SgdUpdate(Block block, Tracker learningRate, float momentum, float weightDecay) {
        block.getParameters().values().stream().filter(Parameter::requiresGradient).forEach(trained::add);
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /** Whether this update runs on the engine of {@code engineName} (else use the trainer's step). */
    public static boolean supports(String engineName) {
        return EngineNames.isPyTorch(engineName);
    }

    /** Applies one update with the gradients of the last backward pass and resets them. */
    public void step() {
        updates++;
        float rate = learningRate.getNewValue(updates);
        for (Parameter p : trained) {
            NDArray w = p.getArray();
            NDArray g = w.getGradient();
            if (g == null) {
                continue; // not reached by this backward pass
            }
            try (g) {
                NDArray state = states.computeIfAbsent(p, k -> w.zerosLike());
                NDList in = momentum == 0f ? new NDList(w, g) : new NDList(w, g, state);
                w.getNDArrayInternal().sgdUpdate(in, new NDList(w), rate, weightDecay, 1f, NO_CLIP, momentum, true);
            }
        }
    }
}
