package org.repstudio.app.charts;

import java.awt.Paint;
import java.text.DecimalFormat;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The accuracy chart: test accuracy of the trained design unfused and fused (and of the plain baseline when
 * it was trained), in percent with the value on each bar; prediction agreement and the run in the subtitle.
 */
public final class AccuracyChart {

    public static final String UNFUSED = "Unfused";
    public static final String FUSED = "Fused";
    public static final String PLAIN = "Plain baseline";
    static final String SERIES = "Test accuracy";
    static final String TITLE = "Test accuracy, before and after fusion";

    private AccuracyChart() {
    }

    /** The chart of {@code r}; with null, an empty chart that says the design is not trained yet. */
    public static JFreeChart create(TrainResults r, String subtitle, ChartPalette p) {
        JFreeChart chart = ChartFactory.createBarChart(TITLE, null, "test accuracy (%)", dataset(r),
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRenderer(new ColumnRenderer(p));
        ChartStyle.apply(chart, p, subtitle);
        plot.setNoDataMessage("Not trained yet");
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setMaximumBarWidth(0.22);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}%", new DecimalFormat("0.00")));
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setRange(0, 112);
        y.setTickUnit(new NumberTickUnit(20));
        return chart;
    }

    /** One series, columns unfused, fused and (when trained) plain, in percent. Empty for null. */
    static DefaultCategoryDataset dataset(TrainResults r) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        if (r != null) {
            d.addValue(100 * r.accuracyUnfused(), SERIES, UNFUSED);
            d.addValue(100 * r.accuracyFused(), SERIES, FUSED);
            if (r.accuracyPlain() != null) {
                d.addValue(100 * r.accuracyPlain(), SERIES, PLAIN);
            }
        }
        return d;
    }

    /** Colours each column as the latency chart colours its series: unfused, fused, plain. */
    private static final class ColumnRenderer extends BarRenderer {
        private static final long serialVersionUID = 1L;
        private final transient ChartPalette palette;

        ColumnRenderer(ChartPalette palette) {
            this.palette = palette;
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            return switch (column) {
                case 0 -> palette.unfused();
                case 1 -> palette.fused();
                default -> palette.plain();
            };
        }
    }
}
