package org.repstudio.core.algebra;

/** A dilated kernel written out densely: taps d apart with zeros between, dilation 1. */
public final class Dilation {

    private Dilation() {
    }

    public static AffineConv undilate(AffineConv c) {
        int dh = c.dilationH();
        int dw = c.dilationW();
        if (dh == 1 && dw == 1) {
            return c;
        }
        int kh = c.extentH();
        int kw = c.extentW();
        int oc = c.outChannels() * c.weight().dim(1);
        Tensor w = Tensor.zeros(c.outChannels(), c.weight().dim(1), kh, kw);
        double[] src = c.weight().data();
        double[] dst = w.data();
        for (int k = 0; k < oc; k++) {
            for (int i = 0; i < c.kernelH(); i++) {
                for (int j = 0; j < c.kernelW(); j++) {
                    dst[(k * kh + i * dh) * kw + j * dw] = src[(k * c.kernelH() + i) * c.kernelW() + j];
                }
            }
        }
        return new AffineConv(w, c.bias(), c.strideH(), c.strideW(), c.padding(), 1, 1, c.groups());
    }
}
