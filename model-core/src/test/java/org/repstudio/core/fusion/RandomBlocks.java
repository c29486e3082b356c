package org.repstudio.core.fusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;

/**
 * Random multi-branch blocks: kernels 1..7, strides 1..2 (also on a producer before padding), dilation 1..2, groups, asymmetric paddings
 * (so windows are often off-centre), BN/scale, avg-pool, bias or zero pads, identities, sequential
 * pairs, and now and then a ReLU inside a branch. Every branch keeps the same output grid, so the
 * graphs are valid; whether each fuses exactly is for the planner to decide.
 */
final class RandomBlocks {

    private final Random rnd;
    private final GraphBuilder b = new GraphBuilder();
    private int counter;
    private int channels;
    private int size;
    private int stride;

    private RandomBlocks(long seed) {
        rnd = new Random(seed);
    }

    static Graph generate(long seed) {
        return new RandomBlocks(seed).build();
    }

    private Graph build() {
        channels = new int[] {2, 4, 6, 8}[rnd.nextInt(4)];
        size = 6 + rnd.nextInt(9);
        stride = 1 + rnd.nextInt(2);
        b.input("in", channels, size, size);
        int branches = 1 + rnd.nextInt(4);
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < branches; i++) {
            outs.add(branch());
        }
        String joined;
        if (outs.size() == 1) {
            joined = outs.get(0);
        } else if (rnd.nextInt(5) == 0) {
            joined = id("cat");
            b.add(joined, new Op.Concat(), outs.toArray(String[]::new));
        } else {
            joined = id("add");
            b.add(joined, new Op.Add(), outs.toArray(String[]::new));
        }
        if (rnd.nextBoolean()) {
            joined = bnOrScale(joined);
        }
        b.add("relu", new Op.Relu(), joined);
        return b.output("out", "relu").build();
    }

    private String branch() {
        int kind = rnd.nextInt(10);
        if (kind == 0 && stride == 1) {
            return rnd.nextBoolean() ? bnOrScale("in") : add(new Op.Identity(), "in");
        }
        if (kind == 1) {
            String one = add(new Op.BatchNorm(1e-5), conv("in", 1, 1, Padding.NONE, 1, groups(), 1));
            String pad = add(new Op.Pad(Padding.of(1), rnd.nextInt(4) == 0 ? Op.PadMode.ZERO : Op.PadMode.BIAS), one);
            return bnOrScale(add(new Op.AvgPool(3, 3, stride, stride, Padding.NONE), pad));
        }
        if (kind == 2) {
            int k = 1 + 2 * rnd.nextInt(3);
            // the stride on the producer before the padding (A35) or on the conv after it
            boolean stridedProducer = rnd.nextBoolean();
            int kp = stridedProducer && rnd.nextBoolean() ? 3 : 1;
            String one = add(new Op.BatchNorm(1e-5), conv("in", kp, kp, samePadding(kp, kp, 1),
                    stridedProducer ? stride : 1, groups(), 1));
            int after = stridedProducer ? 1 : stride;
            boolean explicitPad = rnd.nextInt(4) != 0;
            Padding p = Padding.of(k / 2);
            if (explicitPad) {
                String pad = add(new Op.Pad(p, rnd.nextInt(4) == 0 ? Op.PadMode.ZERO : Op.PadMode.BIAS), one);
                return maybeBn(conv(pad, k, k, Padding.NONE, after, groups(), 1));
            }
            return maybeBn(conv(one, k, k, p, after, groups(), 1));
        }
        if (kind == 3) {
            String first = maybeBn(conv("in", 3, 3, Padding.of(1), 1, groups(), 1));
            if (rnd.nextInt(3) == 0) {
                first = add(new Op.Relu(), first);
            }
            int k = 1 + 2 * rnd.nextInt(2);
            return maybeBn(conv(first, k, k, Padding.of(k / 2), stride, groups(), 1));
        }
        int kh = 1 + rnd.nextInt(7);
        int kw = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(7) : kh;
        int d = rnd.nextInt(4) == 0 ? 2 : 1;
        return maybeBn(conv("in", kh, kw, samePadding(kh, kw, d), stride, groups(), d));
    }

    /** Total padding (k-1)*d split at random between the sides: the output grid stays ceil(H/s). */
    private Padding samePadding(int kh, int kw, int d) {
        int ph = (kh - 1) * d;
        int pw = (kw - 1) * d;
        int top = rnd.nextBoolean() ? ph / 2 : rnd.nextInt(ph + 1);
        int left = rnd.nextBoolean() ? pw / 2 : rnd.nextInt(pw + 1);
        return new Padding(top, ph - top, left, pw - left);
    }

    private int groups() {
        List<Integer> divisors = new ArrayList<>();
        for (int g = 1; g <= channels; g++) {
            if (channels % g == 0) {
                divisors.add(g);
            }
        }
        return divisors.get(rnd.nextInt(divisors.size()));
    }

    private String conv(String in, int kh, int kw, Padding p, int s, int groups, int d) {
        return add(new Op.Conv(channels, kh, kw, s, s, p, d, d, groups, rnd.nextInt(4) == 0), in);
    }

    private String maybeBn(String in) {
        return rnd.nextInt(3) == 0 ? in : bnOrScale(in);
    }

    private String bnOrScale(String in) {
        return add(rnd.nextInt(4) == 0 ? new Op.Scale() : new Op.BatchNorm(1e-5), in);
    }

    private String add(Op op, String in) {
        String id = id(op.kind());
        b.add(id, op, in);
        return id;
    }

    private String id(String base) {
        return base + (counter++);
    }
}
