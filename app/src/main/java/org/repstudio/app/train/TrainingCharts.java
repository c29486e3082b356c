package org.repstudio.app.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repstudio.app.charts.ChartPalette;

/**
 * The training window's JFreeChart charts: loss and accuracy over epochs with one series per run (so runs
 * overlay), and the A/B over seeds ({@link AbChart}). {@link #sync} copies the points the view model added
 * since the last call; it runs on the UI thread.
 */
final class TrainingCharts {

    /** One colour per run, re-param runs in saturated tones, the plain baseline in grey. */
    static final Color[] RUN_COLOURS = {new Color(0x3567d6), new Color(0xd0731a), new Color(0x2b8a63),
        new Color(0x7c4dd8), new Color(0xcc3d5b), new Color(0x0f8f8c)};
    private static final Color PLAIN = new Color(0x8d97a8);
    /** Weight of the newest batch in the smoothed accuracy curve. */
    private static final double SMOOTHING = 0.15;
    static final Font TITLE = new Font("SansSerif", Font.BOLD, 13);
    static final Font TICKS = new Font("SansSerif", Font.PLAIN, 11);

    private final ChartPalette palette;
    private final XYSeriesCollection loss = new XYSeriesCollection();
    private final XYSeriesCollection batchAcc = new XYSeriesCollection();
    private final XYSeriesCollection testAcc = new XYSeriesCollection();
    private final ChartViewer lossViewer;
    private final ChartViewer accuracyViewer;
    private final ChartViewer abViewer;
    private final AbChart abChart;

    TrainingCharts(boolean dark) {
        palette = dark ? ChartPalette.DARK : ChartPalette.LIGHT; // the latency and accuracy charts' colours
        JFreeChart lossChart = ChartFactory.createXYLineChart("Training loss", "epoch", "loss", loss,
                PlotOrientation.VERTICAL, true, true, false);
        style(lossChart);
        JFreeChart accChart = ChartFactory.createXYLineChart("Accuracy (batches, smoothed; test: dots)", "epoch",
                "accuracy", batchAcc, PlotOrientation.VERTICAL, true, true, false);
        style(accChart);
        XYPlot accPlot = accChart.getXYPlot();
        ((NumberAxis) accPlot.getRangeAxis()).setRange(0, 1.0);
        accPlot.setDataset(1, testAcc);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(true, true);
        dots.setDefaultSeriesVisibleInLegend(false);
        accPlot.setRenderer(1, dots);
        abChart = new AbChart(palette);
        lossViewer = viewer(lossChart, "train-loss-chart");
        accuracyViewer = viewer(accChart, "train-accuracy-chart");
        abViewer = viewer(abChart.chart(), "train-ab-chart");
    }

    private static ChartViewer viewer(JFreeChart chart, String id) {
        ChartViewer v = new ChartViewer(chart);
        v.setId(id);
        v.getStyleClass().add("rs-train-chart");
        v.setMinSize(200, 150);
        return v;
    }

    private void style(JFreeChart chart) {
        chart.setBackgroundPaint(palette.background());
        chart.getTitle().setFont(TITLE);
        chart.getTitle().setPaint(palette.text());
        chart.setAntiAlias(true);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(TICKS);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
            chart.getLegend().setBackgroundPaint(palette.background());
            chart.getLegend().setItemPaint(palette.text());
        }
        XYPlot p = chart.getXYPlot();
        p.setBackgroundPaint(palette.background());
        p.setDomainGridlinePaint(palette.grid());
        p.setRangeGridlinePaint(palette.grid());
        p.setOutlineVisible(false);
        for (var axis : List.of(p.getDomainAxis(), p.getRangeAxis())) {
            axis.setTickLabelFont(TICKS);
            axis.setLabelFont(TICKS);
            axis.setTickLabelPaint(palette.text());
            axis.setLabelPaint(palette.text());
        }
        ((NumberAxis) p.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        p.setRenderer(r);
    }

    ChartViewer lossViewer() {
        return lossViewer;
    }

    ChartViewer accuracyViewer() {
        return accuracyViewer;
    }

    ChartViewer abViewer() {
        return abViewer;
    }

    /** Number of points in the loss chart, over all runs (tests read it). */
    int lossPoints() {
        int n = 0;
        for (int i = 0; i < loss.getSeriesCount(); i++) {
            n += loss.getSeries(i).getItemCount();
        }
        return n;
    }

    int lossSeriesCount() {
        return loss.getSeriesCount();
    }

    /** Copies new points of every run into the charts; drops all series when the runs were cleared. */
    void sync(List<RunSeries> runs) {
        if (runs.size() < loss.getSeriesCount()) {
            loss.removeAllSeries();
            batchAcc.removeAllSeries();
            testAcc.removeAllSeries();
        }
        for (int i = 0; i < runs.size(); i++) {
            RunSeries run = runs.get(i);
            if (i == loss.getSeriesCount()) {
                loss.addSeries(new XYSeries(run.name(), false, true));
                batchAcc.addSeries(new XYSeries(run.name(), false, true));
                testAcc.addSeries(new XYSeries(run.name() + " test", false, true));
                colour(i, run);
            }
            copy(run.loss(), loss.getSeries(i));
            copySmoothed(run.batchAccuracy(), batchAcc.getSeries(i));
            copy(run.testAccuracy(), testAcc.getSeries(i));
        }
    }

    private void colour(int i, RunSeries run) {
        Color c = run.plain() ? PLAIN : RUN_COLOURS[countReparam(i) % RUN_COLOURS.length];
        BasicStroke line = new BasicStroke(run.plain() ? 1.4f : 1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
                1f, run.plain() ? new float[] {5f, 3f} : null, 0f);
        for (XYPlot p : List.of(lossViewer.getChart().getXYPlot(), accuracyViewer.getChart().getXYPlot())) {
            p.getRenderer().setSeriesPaint(i, c);
            p.getRenderer().setSeriesStroke(i, line);
        }
        var dots = accuracyViewer.getChart().getXYPlot().getRenderer(1);
        dots.setSeriesPaint(i, c.darker());
        dots.setSeriesStroke(i, new BasicStroke(1.2f));
        dots.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
    }

    /** How many re-param runs come before series {@code i}: run colours follow the re-param runs. */
    private int countReparam(int i) {
        int n = 0;
        for (int k = 0; k < i; k++) {
            if (!loss.getSeries(k).getKey().toString().endsWith("plain")) {
                n++;
            }
        }
        return n;
    }

    private static void copy(List<RunSeries.Point> from, XYSeries to) {
        int have = to.getItemCount();
        if (have >= from.size()) {
            return;
        }
        to.setNotify(false);
        for (int k = have; k < from.size(); k++) {
            to.add(from.get(k).x(), from.get(k).y(), false);
        }
        to.setNotify(true);
    }

    /** Batch accuracy jumps by whole images on small batches: drawn as an exponential moving average. */
    private static void copySmoothed(List<RunSeries.Point> from, XYSeries to) {
        int have = to.getItemCount();
        if (have >= from.size()) {
            return;
        }
        to.setNotify(false);
        double s = have == 0 ? from.get(0).y() : to.getY(have - 1).doubleValue();
        for (int k = have; k < from.size(); k++) {
            s += SMOOTHING * (from.get(k).y() - s);
            to.add(from.get(k).x(), s, false);
        }
        to.setNotify(true);
    }

    AbChart ab() {
        return abChart;
    }
}
