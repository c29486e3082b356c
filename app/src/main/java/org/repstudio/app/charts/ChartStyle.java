package org.repstudio.app.charts;

import java.awt.BasicStroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/** The look both charts share: flat bars, light grid, theme colours, readable fonts and margins. */
final class ChartStyle {

    private ChartStyle() {
    }

    /** Styles a bar chart made by ChartFactory; {@code subtitle} goes under the title. */
    static void apply(JFreeChart chart, ChartPalette p, String subtitle) {
        chart.setBackgroundPaint(p.background());
        chart.setPadding(new RectangleInsets(10, 12, 8, 16));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        TextTitle title = chart.getTitle();
        title.setFont(ChartPalette.title());
        title.setPaint(p.text());
        title.setHorizontalAlignment(HorizontalAlignment.LEFT);
        chart.getSubtitles().removeIf(t -> t instanceof TextTitle);
        if (subtitle != null && !subtitle.isEmpty()) {
            for (String line : subtitle.split("\n")) {
                TextTitle sub = new TextTitle(line, ChartPalette.subtitle(), p.muted(), RectangleEdge.TOP,
                        HorizontalAlignment.LEFT, org.jfree.chart.ui.VerticalAlignment.TOP,
                        new RectangleInsets(2, 0, 2, 0));
                chart.addSubtitle(sub);
            }
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setBackgroundPaint(p.background());
            legend.setItemPaint(p.text());
            legend.setItemFont(ChartPalette.tick());
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setMargin(new RectangleInsets(8, 0, 0, 0));
        }
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(p.background());
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(p.grid());
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setNoDataMessagePaint(p.muted());
        plot.setNoDataMessageFont(ChartPalette.tick().deriveFont(14f));
        CategoryAxis x = plot.getDomainAxis();
        x.setTickLabelFont(ChartPalette.tick().deriveFont(java.awt.Font.BOLD));
        x.setTickLabelPaint(p.text());
        x.setAxisLinePaint(p.grid());
        x.setTickMarksVisible(false);
        x.setCategoryMargin(0.25);
        x.setLowerMargin(0.06);
        x.setUpperMargin(0.06);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setTickLabelFont(ChartPalette.tick());
        y.setTickLabelPaint(p.muted());
        y.setLabelFont(ChartPalette.subtitle());
        y.setLabelPaint(p.muted());
        y.setAxisLineVisible(false);
        y.setTickMarksVisible(false);
        y.setUpperMargin(0.15);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.06);
        r.setMaximumBarWidth(0.12);
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(ChartPalette.label());
        r.setDefaultItemLabelPaint(p.text());
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12,
                TextAnchor.BOTTOM_CENTER));
        r.setItemLabelAnchorOffset(4);
    }
}
