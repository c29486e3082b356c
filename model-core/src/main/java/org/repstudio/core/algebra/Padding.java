package org.repstudio.core.algebra;

/** Zero padding per side, in pixels. All sides are non-negative. */
public record Padding(int top, int bottom, int left, int right) {

    public static final Padding NONE = new Padding(0, 0, 0, 0);

    /** The same padding on every side. */
    public static Padding of(int all) {
        return new Padding(all, all, all, all);
    }

    /** Symmetric padding: {@code ph} above and below, {@code pw} left and right. */
    public static Padding of(int ph, int pw) {
        return new Padding(ph, ph, pw, pw);
    }

    public boolean isZero() {
        return top == 0 && bottom == 0 && left == 0 && right == 0;
    }

    public boolean isSymmetric() {
        return top == bottom && left == right;
    }

    public Padding plus(Padding other) {
        return new Padding(top + other.top, bottom + other.bottom, left + other.left, right + other.right);
    }

    @Override
    public String toString() {
        return isSymmetric() ? "(" + top + "," + left + ")" : "(t" + top + ",b" + bottom + ",l" + left + ",r" + right + ")";
    }
}
