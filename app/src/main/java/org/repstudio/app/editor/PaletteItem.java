package org.repstudio.app.editor;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.Op;

/** One entry of the palette: a name to search for, a category, and the op it places (with defaults). */
public record PaletteItem(String name, String category, String hint, Supplier<Op> factory) {

    /** Every op the engine knows, with sensible defaults (a 3x3 conv keeps the spatial size). */
    public static List<PaletteItem> all() {
        return List.of(
                new PaletteItem("Input", "input", "image tensor N x C x H x W", () -> new Op.Input(16, 32, 32)),
                new PaletteItem("Conv", "conv", "KxK convolution", () -> Op.Conv.square(16, 3, 1, 1, 1, false)),
                new PaletteItem("Conv 1x1", "conv", "pointwise convolution", () -> Op.Conv.square(16, 1, 1, 0, 1, false)),
                new PaletteItem("Conv 1xK", "conv", "asymmetric (ACB) kernel",
                        () -> new Op.Conv(16, 1, 3, 1, 1, Padding.of(0, 1), 1, 1, 1, false)),
                new PaletteItem("Conv Kx1", "conv", "asymmetric (ACB) kernel",
                        () -> new Op.Conv(16, 3, 1, 1, 1, Padding.of(1, 0), 1, 1, 1, false)),
                new PaletteItem("BatchNorm", "norm", "batch normalization", () -> new Op.BatchNorm(1e-5)),
                new PaletteItem("Scale", "norm", "per-channel scale (OREPA)", Op.Scale::new),
                new PaletteItem("AvgPool", "pool", "average pooling", () -> new Op.AvgPool(3, 3, 1, 1, Padding.of(1))),
                new PaletteItem("Pad", "other", "explicit padding (zero or BN bias)",
                        () -> new Op.Pad(Padding.of(1), Op.PadMode.BIAS)),
                new PaletteItem("Identity", "other", "shortcut branch", Op.Identity::new),
                new PaletteItem("Add", "merge", "sum of branches", Op.Add::new),
                new PaletteItem("Concat", "merge", "depth concatenation", Op.Concat::new),
                new PaletteItem("ReLU", "act", "nonlinearity", Op.Relu::new),
                new PaletteItem("PReLU", "act", "parametric ReLU", Op.PRelu::new),
                new PaletteItem("GlobalAvgPool", "pool", "N x C x 1 x 1", Op.GlobalAvgPool::new),
                new PaletteItem("Flatten", "other", "to N x F", Op.Flatten::new),
                new PaletteItem("Linear", "conv", "fully connected", () -> new Op.Linear(10, true)),
                new PaletteItem("Output", "output", "graph exit", Op.Output::new));
    }

    /** Items whose name, category or hint contains {@code query} (case-insensitive); all when blank. */
    public static List<PaletteItem> search(String query) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        return all().stream().filter(i -> q.isEmpty() || i.name().toLowerCase(Locale.ROOT).contains(q)
                || i.category().contains(q) || i.hint().toLowerCase(Locale.ROOT).contains(q)).toList();
    }

    public static PaletteItem named(String name) {
        return all().stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no palette item '" + name + "'"));
    }
}
