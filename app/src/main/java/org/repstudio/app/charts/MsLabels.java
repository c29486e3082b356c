package org.repstudio.app.charts;

import java.util.Locale;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.data.category.CategoryDataset;

/** Bar labels in milliseconds with three significant digits or more: "0.381 ms", "3.41 ms", "224.6 ms". */
final class MsLabels implements CategoryItemLabelGenerator {

    static String format(double ms) {
        String pattern = ms >= 100 ? "%.1f ms" : ms >= 10 ? "%.2f ms" : "%.3f ms";
        return String.format(Locale.ROOT, pattern, ms);
    }

    @Override
    public String generateLabel(CategoryDataset dataset, int row, int column) {
        Number v = dataset.getValue(row, column);
        return v == null ? null : format(v.doubleValue());
    }

    @Override
    public String generateRowLabel(CategoryDataset dataset, int row) {
        return dataset.getRowKey(row).toString();
    }

    @Override
    public String generateColumnLabel(CategoryDataset dataset, int column) {
        return dataset.getColumnKey(column).toString();
    }
}
