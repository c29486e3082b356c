package org.repstudio.app.charts;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The latency chart: one panel per engine (DJL, ONNX Runtime) side by side, each with its own millisecond
 * scale (the engines can differ a hundredfold), and in each three bars: unfused, fused and the plain conv
 * network of the fused shape (the limit fusion should reach), with the value on each bar. The speedups are
 * in the subtitle.
 */
public final class LatencyChart {

    public static final String UNFUSED = "Unfused (train-time)";
    public static final String FUSED = "Fused";
    public static final String PLAIN = "Plain conv (limit)";
    static final String TITLE = "Latency per forward pass, before and after fusion";

    private LatencyChart() {
    }

    /** The chart of {@code f}; with null, an empty chart that says it was not measured yet. */
    public static JFreeChart create(String designName, LatencyFigures f, ChartPalette p) {
        CategoryAxis models = new CategoryAxis();
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(models);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setGap(60); // room between the panels, so the last tick label of one does not run into the next
        ChartStyle.plot(plot, p);
        List<String> subtitles = new ArrayList<>();
        if (f == null) {
            CategoryPlot empty = new CategoryPlot(new DefaultCategoryDataset(), null, new NumberAxis("ms"),
                    new BarRenderer());
            empty.setNoDataMessage("Not measured yet: press \"Measure on this machine\"");
            empty.getRangeAxis().setVisible(false);
            ChartStyle.plot(empty, p);
            plot.add(empty);
            models.setVisible(false);
            subtitles.add(designName);
        } else {
            for (LatencyFigures.Engine e : f.engines()) {
                plot.add(engine(e, p), 1);
            }
            subtitles.add(f.speedupLine() + String.format(Locale.ROOT, " · fused / plain conv: %.2f and %.2f",
                    f.djl().fusedVsPlain(), f.ort().fusedVsPlain()));
            subtitles.add(designName + " · " + f.conditionsLine());
            subtitles.add(ENGINES_DIFFER);
            if (f.noise() > LatencyFigures.NOISY) {
                subtitles.add(noiseLine(f.noise(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        Runtime.getRuntime().availableProcessors()));
            }
        }
        JFreeChart chart = new JFreeChart(TITLE, ChartPalette.title(), plot, false);
        ChartStyle.chrome(chart, p, subtitles);
        return chart;
    }

    /** Why the two engines' bars are far apart: compare bars within an engine, not across. */
    static final String ENGINES_DIFFER = "DJL runs op by op from Java (eager PyTorch); ONNX Runtime runs the"
            + " optimised graph natively: compare bars within one engine";

    /**
     * Says the rounds varied and, only when the machine was loaded (load average above half its cores), that
     * other work is the likely cause; small models vary by a few tenths of a millisecond on an idle machine.
     */
    static String noiseLine(double noise, double loadAverage, int cores) {
        String varied = String.format(Locale.ROOT, "Rounds varied by %.0f %%", noise * 100);
        if (loadAverage >= 0 && loadAverage > cores / 2.0) {
            return String.format(Locale.ROOT, "%s with load average %.1f on %d cores: other work got in the way;"
                    + " measure again when the machine is idle.", varied, loadAverage, cores);
        }
        return varied + (loadAverage >= 0 ? String.format(Locale.ROOT, " (load average %.1f on %d cores)",
                loadAverage, cores) : "") + ": read the figures as rough.";
    }

    private static CategoryPlot engine(LatencyFigures.Engine e, ChartPalette p) {
        NumberAxis ms = new NumberAxis(e.name() + " · ms");
        ChartStyle.valueAxis(ms, p, 0.45);
        BarRenderer r = new ChartStyle.ColumnRenderer(Map.of(UNFUSED, p.unfused(), FUSED, p.fused(), PLAIN, p.plain()));
        ChartStyle.bars(r, p, PlotOrientation.HORIZONTAL);
        r.setMaximumBarWidth(0.2);
        r.setDefaultItemLabelGenerator(new MsLabels());
        CategoryPlot sub = new CategoryPlot(dataset(e), null, ms, r);
        sub.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        ChartStyle.plot(sub, p);
        return sub;
    }

    /** One engine's bars: one row (the engine), columns unfused, fused, plain. */
    static DefaultCategoryDataset dataset(LatencyFigures.Engine e) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        d.addValue(e.unfusedMs(), e.name(), UNFUSED);
        d.addValue(e.fusedMs(), e.name(), FUSED);
        d.addValue(e.plainMs(), e.name(), PLAIN);
        return d;
    }

    /** The datasets the chart shows, one per engine panel (none before a measurement). */
    public static List<CategoryDataset> datasets(JFreeChart chart) {
        List<CategoryDataset> out = new ArrayList<>();
        for (Object o : ((CombinedDomainCategoryPlot) chart.getPlot()).getSubplots()) {
            CategoryPlot sub = (CategoryPlot) o;
            if (sub.getDataset() != null && sub.getDataset().getRowCount() > 0) {
                out.add(sub.getDataset());
            }
        }
        return out;
    }
}
