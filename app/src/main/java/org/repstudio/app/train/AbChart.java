package org.repstudio.app.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.repstudio.app.charts.ChartPalette;
import org.repstudio.core.ab.AbReport;
import org.repstudio.core.ab.Arm;
import org.repstudio.core.ab.ArmResult;
import org.repstudio.core.ab.Comparison;
import org.repstudio.core.ab.SeedResult;
import org.repstudio.core.stats.Difference;
import org.repstudio.core.stats.Verdict;

/**
 * The training window's A/B chart: per arm the mean test accuracy with an error bar of one sample standard
 * deviation over the seeds, every seed's accuracy as a dot beside it (a hollow triangle for a run still
 * climbing at its last epoch), the seconds per training epoch under each arm's name, and each comparison's
 * difference, 95% interval and verdict in words ({@link Comparison#verdictWords()}, from the typed verdict).
 * The accuracy axis is fitted to the data, not cut at zero: the arms differ by points, which bars from zero
 * would hide.
 */
final class AbChart {

    static final String TITLE_TEXT = "A/B over seeds";
    static final String NO_DATA = "Run an A/B:\nevery arm on several seeds"; // two lines: the chart may be narrow
    static final String MEAN_SERIES = "mean ± std over seeds";
    static final String SEED_SERIES = "one seed";
    static final String CLIMBING_SERIES = "one seed, still climbing at its last epoch";

    private static final Color REPARAM = TrainingCharts.RUN_COLOURS[0];
    private static final Color CLIMBING = TrainingCharts.RUN_COLOURS[1];
    private static final Color ABLATION = TrainingCharts.RUN_COLOURS[2];
    /** Darker than the run charts' dashed plain line, so the plain arm's mark reads against the grid. */
    private static final Color PLAIN = new Color(0x6f7a8c);
    private static final Font TITLE = TrainingCharts.TITLE;
    private static final Font TEXT = TrainingCharts.TICKS;

    private final ChartPalette palette;
    private final DefaultStatisticalCategoryDataset means = new DefaultStatisticalCategoryDataset();
    /** One row per seed index, one column per arm: the seeds' accuracies, drawn as dots. */
    private final DefaultCategoryDataset seeds = new DefaultCategoryDataset();
    /** The arms drawn, one per column (an arm cancelled before its first run is left out). */
    private final List<ArmResult> shown = new ArrayList<>();
    /** The verdict lines under the title, one per comparison. */
    private List<String> verdicts = List.of();
    private final JFreeChart chart;
    private final LegendTitle legend;

    AbChart(ChartPalette palette) {
        this.palette = palette;
        CategoryAxis arms = new CategoryAxis(null);
        arms.setMaximumCategoryLabelLines(6);
        arms.setTickLabelFont(TEXT);
        arms.setTickLabelPaint(palette.text());
        NumberAxis accuracy = new NumberAxis("test accuracy");
        accuracy.setAutoRangeIncludesZero(false);
        accuracy.setStandardTickUnits(percentTicks());
        accuracy.setTickLabelFont(TEXT);
        accuracy.setLabelFont(TEXT);
        accuracy.setTickLabelPaint(palette.text());
        accuracy.setLabelPaint(palette.text());
        CategoryPlot plot = new CategoryPlot(means, arms, accuracy, meanRenderer());
        plot.setDataset(1, seeds);
        plot.setRenderer(1, seedRenderer());
        plot.setBackgroundPaint(palette.background());
        plot.setRangeGridlinePaint(palette.grid());
        plot.setOutlineVisible(false);
        plot.setNoDataMessage(NO_DATA);
        plot.setNoDataMessageFont(TEXT);
        plot.setNoDataMessagePaint(palette.text());
        plot.setFixedLegendItems(legendItems());
        chart = new JFreeChart(TITLE_TEXT, TITLE, plot, true);
        chart.setBackgroundPaint(palette.background());
        chart.getTitle().setPaint(palette.text());
        legend = chart.getLegend();
        legend.setItemFont(TEXT);
        legend.setItemPaint(palette.text());
        legend.setBackgroundPaint(palette.background());
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        chart.setAntiAlias(true);
    }

    /** Tick steps from 0.1 to 10 points, with a decimal below a point (else 15.25% and 15.5% both read 15%). */
    private static TickUnits percentTicks() {
        NumberFormat fine = NumberFormat.getPercentInstance(Locale.ROOT);
        fine.setMinimumFractionDigits(1);
        NumberFormat whole = NumberFormat.getPercentInstance(Locale.ROOT);
        TickUnits units = new TickUnits();
        for (double step : new double[] {0.001, 0.002, 0.005}) {
            units.add(new NumberTickUnit(step, fine));
        }
        for (double step : new double[] {0.01, 0.02, 0.05, 0.1, 0.2}) {
            units.add(new NumberTickUnit(step, whole));
        }
        return units;
    }

    private StatisticalLineAndShapeRenderer meanRenderer() {
        StatisticalLineAndShapeRenderer r = new StatisticalLineAndShapeRenderer(false, true) {
            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return column < shown.size() ? colour(shown.get(column).kind()) : REPARAM;
            }
        };
        r.setSeriesShape(0, new Rectangle2D.Double(-11, -2.5, 22, 5)); // the mean: a short bar across the error bar
        r.setErrorIndicatorPaint(palette.text());
        r.setErrorIndicatorStroke(new BasicStroke(2f));
        r.setSeriesPaint(0, REPARAM);
        return r;
    }

    /** The seeds spread across the arm's slot (beside its error bar), a hollow triangle for a climbing run. */
    private LineAndShapeRenderer seedRenderer() {
        LineAndShapeRenderer r = new LineAndShapeRenderer(false, true) {
            @Override
            public Shape getItemShape(int row, int column) {
                return flattened(row, column) ? DOT : TRIANGLE;
            }

            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return flattened(row, column) ? palette.text() : CLIMBING;
            }

            @Override
            public boolean getItemShapeFilled(int row, int column) {
                return flattened(row, column);
            }
        };
        r.setUseSeriesOffset(true);
        r.setItemMargin(0.55);
        r.setDefaultStroke(new BasicStroke(1.6f));
        r.setUseOutlinePaint(false);
        r.setDrawOutlines(true);
        return r;
    }

    private boolean flattened(int row, int column) {
        return column < shown.size() && row < shown.get(column).seeds().size()
                && shown.get(column).seeds().get(row).converged();
    }

    private LegendItemCollection legendItems() {
        LegendItemCollection items = new LegendItemCollection();
        items.add(new LegendItem(MEAN_SERIES, null, null, null, new Rectangle2D.Double(-8, -2.5, 16, 5), REPARAM));
        items.add(new LegendItem(SEED_SERIES, null, null, null, DOT, palette.text()));
        LegendItem climbing = new LegendItem(CLIMBING_SERIES, null, null, null, true, TRIANGLE, false, CLIMBING,
                true, CLIMBING, new BasicStroke(1.6f), false, TRIANGLE, new BasicStroke(1f), CLIMBING);
        items.add(climbing);
        return items;
    }

    private static final Shape DOT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
    private static final Shape TRIANGLE = triangle();

    private static Shape triangle() {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -5);
        p.lineTo(4.5, 3.5);
        p.lineTo(-4.5, 3.5);
        p.closePath();
        return p;
    }

    private static Color colour(Arm.Kind kind) {
        return switch (kind) {
            case REPARAM -> REPARAM;
            case PLAIN -> PLAIN;
            case ABLATION -> ABLATION;
        };
    }

    JFreeChart chart() {
        return chart;
    }

    /** Shows the study (null: clears the chart). */
    void show(AbReport r) {
        means.clear();
        seeds.clear();
        shown.clear();
        verdicts = List.of();
        chart.clearSubtitles(); // the legend is a subtitle too
        chart.addLegend(legend);
        if (r == null) {
            chart.setTitle(TITLE_TEXT); // keeps the title's font and paint, only its text changes
            return;
        }
        for (ArmResult a : r.arms()) {
            if (a.seeds().isEmpty()) {
                continue; // cancelled before this arm ran
            }
            String category = categoryLabel(a);
            double std = a.accuracy().std();
            shown.add(a);
            means.add(a.accuracy().mean(), Double.isFinite(std) ? std : 0, MEAN_SERIES, category);
            for (SeedResult s : a.seeds()) {
                seeds.addValue(s.testAccuracy(), "seed " + s.seed(), category);
            }
        }
        chart.setTitle(String.format(Locale.ROOT, "A/B: %s over %d seed(s) × %d epoch(s)", r.arms().get(0).label(),
                r.seeds().size(), r.epochs()));
        subtitle(String.format(Locale.ROOT, "%s · %s harness · %s, %,d train / %,d test images", r.design(),
                r.harness(), r.dataset(), r.trainImages(), r.testImages()), false);
        verdicts = r.comparisons().stream().map(AbChart::verdictLine).toList();
        for (String v : verdicts) {
            subtitle(v, true);
        }
    }

    /**
     * The comparison as one short line (the first arm is always {@code c.a()}, named in the title): the
     * difference, its 95% interval and the verdict in words.
     */
    static String verdictLine(Comparison c) {
        Difference d = c.difference();
        String interval = d.verdict() == Verdict.TOO_FEW_SEEDS ? ""
                : String.format(Locale.ROOT, " [%+.1f, %+.1f]", 100 * d.low(), 100 * d.high());
        return String.format(Locale.ROOT, "vs %s: %+.1f points%s, %s", c.b(), 100 * d.difference(), interval,
                c.verdictWords());
    }

    /** The arm's name, its mean ± std in points and its seconds per epoch (the price of its branches). */
    static String categoryLabel(ArmResult a) {
        double std = a.accuracy().std();
        String spread = Double.isFinite(std) ? String.format(Locale.ROOT, " ± %.1f", 100 * std) : "";
        return String.format(Locale.ROOT, "%s\n%.1f%s%%\n%.2f s/epoch", a.label(), 100 * a.accuracy().mean(), spread,
                a.secondsPerEpoch().mean());
    }

    private void subtitle(String text, boolean bold) {
        TextTitle t = new TextTitle(text, bold ? TEXT.deriveFont(Font.BOLD) : TEXT);
        t.setPaint(palette.text());
        chart.addSubtitle(t);
    }

    /** The arms' category labels as the chart shows them (tests read them). */
    List<String> armLabels() {
        List<String> out = new ArrayList<>();
        for (Object k : means.getColumnKeys()) {
            out.add(k.toString());
        }
        return out;
    }

    /** The verdict lines under the title, one per comparison. */
    List<String> verdicts() {
        return verdicts;
    }

    /** The error bar of arm {@code column}: its mean and standard deviation (tests read them). */
    double[] meanAndStd(int column) {
        return new double[] {means.getMeanValue(0, column).doubleValue(),
            means.getStdDevValue(0, column).doubleValue()};
    }
}
