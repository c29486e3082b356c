package org.repstudio.app.charts;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.ui.VerticalAlignment;

/** The look both charts share: flat bars, light grid, theme colours, readable fonts and margins. */
final class ChartStyle {

    private ChartStyle() {
    }

    /** Background, title and one muted subtitle per line of {@code subtitles}. */
    static void chrome(JFreeChart chart, ChartPalette p, List<String> subtitles) {
        chart.setBackgroundPaint(p.background());
        chart.setPadding(new RectangleInsets(10, 12, 10, 18));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        TextTitle title = chart.getTitle();
        title.setFont(ChartPalette.title());
        title.setPaint(p.text());
        title.setHorizontalAlignment(HorizontalAlignment.LEFT);
        title.setMargin(new RectangleInsets(0, 0, 4, 0));
        chart.getSubtitles().removeIf(t -> t instanceof TextTitle);
        for (int i = 0; i < subtitles.size(); i++) {
            boolean last = i == subtitles.size() - 1;
            chart.addSubtitle(new TextTitle(subtitles.get(i), ChartPalette.subtitle(), p.muted(), RectangleEdge.TOP,
                    HorizontalAlignment.LEFT, VerticalAlignment.TOP, new RectangleInsets(1, 0, last ? 12 : 1, 0)));
        }
    }

    /** Grid, background and the category axis of a plot. */
    static void plot(CategoryPlot plot, ChartPalette p) {
        plot.setBackgroundPaint(p.background());
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(p.grid());
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setNoDataMessagePaint(p.muted());
        plot.setNoDataMessageFont(ChartPalette.tick().deriveFont(14f));
        CategoryAxis x = plot.getDomainAxis();
        if (x != null) {
            x.setTickLabelFont(ChartPalette.tick().deriveFont(Font.BOLD));
            x.setTickLabelPaint(p.text());
            x.setAxisLinePaint(p.grid());
            x.setTickMarksVisible(false);
            x.setCategoryMargin(0.3);
            x.setLowerMargin(0.08);
            x.setUpperMargin(0.08);
            x.setMaximumCategoryLabelLines(2);
            x.setMaximumCategoryLabelWidthRatio(1.0f);
        }
    }

    /** A value axis with muted ticks and label, no axis line, room above the bars for their labels. */
    static void valueAxis(NumberAxis y, ChartPalette p, double upperMargin) {
        y.setTickLabelFont(ChartPalette.tick());
        y.setTickLabelPaint(p.muted());
        y.setLabelFont(ChartPalette.subtitle().deriveFont(Font.BOLD));
        y.setLabelPaint(p.muted());
        y.setAxisLineVisible(false);
        y.setTickMarksVisible(false);
        y.setUpperMargin(upperMargin);
    }

    /** Flat bars with their value written at the end. */
    static void bars(BarRenderer r, ChartPalette p, PlotOrientation orientation) {
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.06);
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(ChartPalette.label());
        r.setDefaultItemLabelPaint(p.text());
        r.setDefaultPositiveItemLabelPosition(orientation == PlotOrientation.HORIZONTAL
                ? new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT)
                : new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        r.setItemLabelAnchorOffset(5);
    }

    /** Paints each column (category) in the colour its chart gives its key: unfused, fused, INT8, plain. */
    static final class ColumnRenderer extends BarRenderer {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, Paint> colours;

        ColumnRenderer(Map<String, Paint> colours) {
            this.colours = Map.copyOf(colours);
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            Paint p = getPlot() == null ? null
                    : colours.get(String.valueOf(getPlot().getDataset().getColumnKey(column)));
            return p != null ? p : super.getItemPaint(row, column);
        }
    }
}
