package org.repstudio.app.charts;

import java.text.DecimalFormat;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The latency chart: per engine (DJL, ONNX Runtime) three bars, unfused, fused and the plain conv network
 * of the fused shape (the limit), in ms per forward pass with the value on each bar; the speedups in the
 * subtitle.
 */
public final class LatencyChart {

    public static final String UNFUSED = "Unfused (train-time)";
    public static final String FUSED = "Fused";
    public static final String PLAIN = "Plain conv, fused shape (limit)";
    static final String TITLE = "Latency per forward pass, before and after fusion";

    private LatencyChart() {
    }

    /** The chart of {@code f}; with null, an empty chart that says it was not measured yet. */
    public static JFreeChart create(String designName, LatencyFigures f, ChartPalette p) {
        JFreeChart chart = ChartFactory.createBarChart(TITLE, null, "ms per forward pass (median)", dataset(f),
                PlotOrientation.VERTICAL, true, false, false);
        String subtitle = f == null ? designName : designName + " · " + f.speedupLine() + "\n" + f.conditionsLine();
        ChartStyle.apply(chart, p, subtitle);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setNoDataMessage("Not measured yet: press \"Measure on this machine\"");
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setSeriesPaint(0, p.unfused());
        r.setSeriesPaint(1, p.fused());
        r.setSeriesPaint(2, p.plain());
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2} ms", new DecimalFormat("0.000")));
        return chart;
    }

    /** Rows: unfused, fused, plain; columns: the engines. Empty for null. */
    static DefaultCategoryDataset dataset(LatencyFigures f) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        if (f != null) {
            for (LatencyFigures.Engine e : f.engines()) {
                d.addValue(e.unfusedMs(), UNFUSED, e.name());
                d.addValue(e.fusedMs(), FUSED, e.name());
                d.addValue(e.plainMs(), PLAIN, e.name());
            }
        }
        return d;
    }
}
