package org.repstudio.core.onnx;

/**
 * ONNX Runtime's output on the exported model differs from DJL's forward of the same graph by more than
 * the tolerance. Nothing was written; {@link #report()} holds the measured figures.
 */
public final class ExportCheckException extends RuntimeException {

    private final transient ExportReport report;

    ExportCheckException(ExportReport report) {
        super(String.format("the %s ONNX model does not match DJL: maxRelDiff %.3e > tolerance %.1e "
                + "(maxAbsDiff %.3e); no file written", report.form().label(), report.maxRelDiff(),
                report.tolerance(), report.maxAbsDiff()));
        this.report = report;
    }

    public ExportReport report() {
        return report;
    }
}
