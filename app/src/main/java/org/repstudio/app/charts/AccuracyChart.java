package org.repstudio.app.charts;

import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.repstudio.core.train.Int8Evaluation;

/**
 * The accuracy chart: test accuracy of the trained design unfused and fused, INT8 fused when the run measured it,
 * and the plain baseline when it was trained, in percent with the value on each bar; prediction agreement, what
 * INT8 did and the run in the subtitle.
 */
public final class AccuracyChart {

    public static final String UNFUSED = "Unfused";
    public static final String FUSED = "Fused";
    public static final String PLAIN = "Plain baseline";
    public static final String INT8 = "INT8 fused";
    static final String SERIES = "Test accuracy";
    static final String TITLE = "Test accuracy, before and after fusion";

    private AccuracyChart() {
    }

    /** The chart of {@code r}; with null, an empty chart that says the design is not trained yet. */
    public static JFreeChart create(TrainResults r, ChartPalette p) {
        NumberAxis y = new NumberAxis("test accuracy (%)");
        BarRenderer bars = new ChartStyle.ColumnRenderer(Map.of(UNFUSED, p.unfused(), FUSED, p.fused(), INT8, p.int8(),
                PLAIN, p.plain()));
        CategoryPlot plot = new CategoryPlot(dataset(r), new CategoryAxis(), y, bars);
        ChartStyle.plot(plot, p);
        ChartStyle.valueAxis(y, p, 0);
        ChartStyle.bars(bars, p, PlotOrientation.VERTICAL);
        plot.setNoDataMessage("Not trained yet");
        bars.setMaximumBarWidth(0.2);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}%", new DecimalFormat("0.00")));
        y.setRange(0, 112);
        y.setTickUnit(new NumberTickUnit(20));
        JFreeChart chart = new JFreeChart(TITLE, ChartPalette.title(), plot, false);
        ChartStyle.chrome(chart, p, subtitles(r));
        return chart;
    }

    /** Agreement and delta, then the run: dataset, epochs, when, and whether the design changed since. */
    static List<String> subtitles(TrainResults r) {
        if (r == null) {
            return List.of("Train the design to compare unfused and fused accuracy");
        }
        String first = String.format(Locale.ROOT, "Identical predictions %.2f%% · fused %+.2f points",
                100 * r.predictionAgreement(), r.deltaPoints());
        String when = r.created().length() >= 16 ? " · " + r.created().substring(0, 16).replace('T', ' ') + " UTC"
                : "";
        String second = String.format(Locale.ROOT, "%s, %d epoch%s%s%s", r.dataset(), r.epochs(),
                r.epochs() == 1 ? "" : "s", when, r.stale() ? " · the design changed since" : "");
        List<String> lines = new java.util.ArrayList<>(List.of(first));
        lines.addAll(int8Lines(r));
        lines.add(second);
        return lines;
    }

    /** What INT8 did, for the subtitle and the summary; empty when the run did not evaluate it. */
    static String int8Line(TrainResults r) {
        return String.join(" · ", int8Lines(r));
    }

    /** The same in two short lines, so the chart's subtitle breaks between them rather than mid-phrase. */
    static List<String> int8Lines(TrainResults r) {
        Int8Evaluation q = r == null ? null : r.int8();
        if (q == null) {
            return List.of();
        }
        if (!q.measured()) {
            return List.of("INT8 not measured: " + q.reason());
        }
        return List.of(String.format(Locale.ROOT,
                        "INT8 fused %.2f%% in ONNX Runtime: %+.2f points vs float fused %.2f%%",
                        100 * q.int8Top1(), q.int8DeltaPoints(), 100 * q.floatFusedTop1()),
                String.format(Locale.ROOT, "agrees with float fused on %.2f%% · %.2fx faster", 100 * q.agreement(),
                        q.speedup()));
    }

    /** One series, columns unfused, fused, INT8 fused (when measured) and plain (when trained), in percent. Empty for
     * null. */
    static DefaultCategoryDataset dataset(TrainResults r) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        if (r != null) {
            d.addValue(100 * r.accuracyUnfused(), SERIES, UNFUSED);
            d.addValue(100 * r.accuracyFused(), SERIES, FUSED);
            if (r.int8() != null && r.int8().measured()) {
                d.addValue(100 * r.int8().int8Top1(), SERIES, INT8);
            }
            if (r.accuracyPlain() != null) {
                d.addValue(100 * r.accuracyPlain(), SERIES, PLAIN);
            }
        }
        return d;
    }
}
