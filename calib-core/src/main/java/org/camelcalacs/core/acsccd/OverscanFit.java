package org.camelcalacs.core.acsccd;

import org.camelcalacs.core.trailer.CFormat;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Kernels of the classic overscan-fit BLEVCORR (path a): the per-row bias level from the bias sections
 * (FindBlev, findblev.c), the outlier rejection (cleanBiasFit, doblev.c), the straight-line fit of bias against
 * row (blevfit.c) and the drift slope along rows from the virtual overscan (blevdrift.c). Spec §5.2 step 5a.
 */
public final class OverscanFit {
    /** Clip factor of cleanBiasFit, a C float. */
    static final float CLIP = 3f;
    /** Singular-fit threshold of BlevFit (FLT_MIN). */
    static final double EPSILON = Float.MIN_NORMAL;

    private OverscanFit() {
    }

    /** Median of the first n values, sorted in place (MedianDouble, median.c). */
    static double median(double[] v, int n) {
        if (n < 1) {
            return 0;
        } else if (n == 1) {
            return v[0];
        } else if (n == 2) {
            return (v[0] + v[1]) / 2.0;
        }
        Arrays.sort(v, 0, n);
        int i = n / 2;
        return n == i * 2 ? (v[i - 1] + v[i]) / 2.0 : v[i];
    }

    /** True if a DQ value does not exclude the pixel: DQ == 0 or no SDQFLAGS bit. */
    static boolean good(short dq, short sdqflags) {
        return dq == 0 || (dq & sdqflags) == 0;
    }

    /**
     * FindBlev: the median of the good pixels of row {@code j} in columns bs[0]..bs[1] (if bs[1] != 0) and
     * bs[2]..bs[3] (if bs[2] != 0). Returns NaN if no pixel is usable; {@code npix[0]} gets the count.
     */
    static double rowLevel(float[] sci, short[] dq, int nx, int j, int[] bs, short sdqflags, int[] npix) {
        double[] over = new double[Math.max(0, bs[1] - bs[0] + 1) + Math.max(0, bs[3] - bs[2] + 1) + 2];
        int n = 0;
        if (bs[1] != 0) {
            for (int i = bs[0]; i <= bs[1]; i++) {
                int k = j * nx + i;
                if (good(dq[k], sdqflags)) {
                    over[n++] = sci[k];
                }
            }
        }
        if (bs[2] != 0) {
            for (int i = bs[2]; i <= bs[3]; i++) {
                int k = j * nx + i;
                if (good(dq[k], sdqflags)) {
                    over[n++] = sci[k];
                }
            }
        }
        npix[0] = n;
        return n < 1 ? Double.NaN : median(over, n);
    }

    /**
     * C's {@code abs(int)} applied to a double: the value is truncated to int first (spec §6 integer-abs quirk);
     * out-of-range or NaN values give INT_MIN on x86, whose abs stays INT_MIN.
     */
    static int intAbs(double v) {
        if (Double.isNaN(v) || v >= 2147483648.0 || v <= -2147483649.0) {
            return Integer.MIN_VALUE;
        }
        int i = (int) v;
        return i == Integer.MIN_VALUE ? i : Math.abs(i);
    }

    /**
     * cleanBiasFit: rejects row levels above |3σ + mean| (σ capped at sqrt(mean)), then above |3·RN + mean'|,
     * both through the integer abs. Returns the number rejected.
     */
    static int clean(double[] vals, boolean[] mask, int ny, float rn) {
        double bsum = 0;
        int nsum = 0;
        for (int j = 0; j < ny; j++) {
            if (mask[j]) {
                bsum += vals[j];
                nsum++;
            }
        }
        if (nsum == 0) {
            return -1;
        }
        double bmean = bsum / nsum;
        double svar = 0;
        for (int j = 0; j < ny; j++) {
            if (mask[j]) {
                double s = vals[j] - bmean;
                svar += s * s;
            }
        }
        double sdev = Math.sqrt(svar / (nsum - 1));
        if (sdev > Math.sqrt(bmean)) {
            sdev = Math.sqrt(bmean);
        }
        int nrej = 0;
        int lim = intAbs((double) CLIP * sdev + bmean);
        for (int j = 0; j < ny; j++) {
            if (vals[j] > lim) {
                mask[j] = false;
                nrej++;
            }
        }
        bsum = 0;
        nsum = 0;
        for (int j = 0; j < ny; j++) {
            if (mask[j]) {
                bsum += vals[j];
                nsum++;
            }
        }
        bmean = bsum / nsum;
        lim = intAbs((double) (CLIP * rn) + bmean);
        for (int j = 0; j < ny; j++) {
            if (vals[j] > lim) {
                mask[j] = false;
                nrej++;
            }
        }
        return nrej;
    }

    /** The straight line bias(row) of blevfit.c: rows are counted from {@code middle}. */
    static final class Line {
        private final double[] sums = new double[5];
        private final int middle;
        double slope;
        double intercept;

        Line(int middle) {
            this.middle = middle;
        }

        void accum(int j, double level) {
            double xj = j - middle;
            sums[0]++;
            sums[1] += xj;
            sums[2] += level;
            sums[3] += xj * level;
            sums[4] += xj * xj;
        }

        /** BlevFit: false if there is no data or the fit is singular. */
        boolean fit() {
            if (sums[0] < 1.0) {
                return false;
            }
            double d = sums[4] - sums[1] * sums[1] / sums[0];
            if (d < EPSILON && d > -EPSILON) {
                return false;
            }
            double xmean = sums[1] / sums[0];
            double ymean = sums[2] / sums[0];
            slope = (sums[3] - xmean * ymean * sums[0]) / d;
            intercept = ymean - slope * xmean;
            return true;
        }

        void set(double value) {
            slope = 0;
            intercept = value;
        }

        double eval(double j) {
            return (j - middle) * slope + intercept;
        }
    }

    /**
     * FitToOverscan: row levels for the {@code ny} output rows (input row j + trimy1), outlier rejection, and the
     * line fit; falls back to the constant {@code ccdbias} if the fit fails. Messages go to {@code msg}
     * (info) and {@code warn}.
     */
    static Line fitRows(float[] sci, short[] dq, int nx, int ny, int trimy1, int[] bs, float ccdbias,
                        short sdqflags, float rn, Consumer<String> msg, Consumer<String> warn) {
        Line line = new Line(ny / 2);
        double[] vals = new double[ny + 1];
        boolean[] mask = new boolean[ny + 1];
        int tooFew = 0;
        int[] npix = new int[1];
        for (int j = 0; j < ny; j++) {
            double level = rowLevel(sci, dq, nx, j + trimy1, bs, sdqflags, npix);
            if (Double.isNaN(level) && npix[0] < 1) {
                tooFew++;
            } else {
                vals[j] = level;
                mask[j] = true;
                if (j == 0) {
                    msg.accept(String.format("(FitToOverscan) biassecta=(%d,%d) biassectb=(%d,%d) npix=%d", bs[0],
                            bs[1], bs[2], bs[3], npix[0]));
                }
            }
        }
        int nrej = clean(vals, mask, ny, rn);
        if (nrej >= 0) {
            msg.accept("(blevcorr) Rejected " + nrej + " bias values from fit.");
        }
        for (int j = 0; j < ny; j++) {
            if (mask[j]) {
                line.accum(j, vals[j]);
            }
        }
        if (tooFew > 0) {
            warn.accept("(blevcorr) " + tooFew + " image line" + (tooFew == 1 ? " has" : "s have")
                    + " too few usable overscan pixels.");
        }
        if (line.fit()) {
            msg.accept("Computed a fit with slope of " + CFormat.g(line.slope) + " and intercept of "
                    + CFormat.g(line.intercept));
        } else {
            warn.accept("No bias level data, or singular fit;");
            msg.accept("            bias from CCDTAB will be subtracted.");
            line.set(ccdbias);
        }
        return line;
    }

    /** The drift of the bias along a row (blevdrift.c): only the slope is used, zero at {@code zeroColumn}. */
    static final class Drift {
        double slope;
        double zeroColumn;
        boolean corrected;

        double eval(double i) {
            return (i - zeroColumn) * slope;
        }

        /** DriftMean: the drift in the middle of an output row of {@code nx} pixels. */
        double mean(double nx) {
            return eval(nx / 2.0);
        }
    }

    /**
     * BlevDrift: fits the column medians of the virtual overscan (rows vy[0]..vy[1]) against column vx[0]..vx[1];
     * the zero point is the middle of the bias section.
     */
    static Drift drift(float[] sci, short[] dq, int nx, int[] vx, int[] vy, int[] bs, short sdqflags,
                       Consumer<String> msg, Consumer<String> warn) {
        Drift d = new Drift();
        if (vx[1] <= vx[0] || vy[1] <= vy[0]) {
            msg.accept("(blevcorr) No virtual overscan region;");
            msg.accept("No correction for slope will be applied.");
            d.slope = 0;
            return d;
        }
        d.zeroColumn = (bs[0] + bs[1]) / 2.0;
        int midcol = (vx[0] + vx[1]) / 2;
        double[] sums = new double[5];
        double[] scratch = new double[vy[1] - vy[0] + 1];
        for (int i = vx[0]; i <= vx[1]; i++) {
            int n = 0;
            for (int j = vy[0]; j <= vy[1]; j++) {
                int k = j * nx + i;
                if (good(dq[k], sdqflags)) {
                    scratch[n++] = sci[k];
                }
            }
            if (n < 1) {
                continue;
            }
            double value = median(scratch, n);
            double x = i - midcol;
            sums[0]++;
            sums[1] += x;
            sums[2] += value;
            sums[3] += x * value;
            sums[4] += x * x;
        }
        boolean ok = false;
        if (sums[0] >= 1.0) {
            double det = sums[4] - sums[1] * sums[1] / sums[0];
            if (det != 0.0) {
                double xmean = sums[1] / sums[0];
                double ymean = sums[2] / sums[0];
                d.slope = (sums[3] - xmean * ymean * sums[0]) / det;
                ok = true;
            }
        }
        if (!ok) {
            warn.accept("(blevcorr) Singular fit to virtual overscan;\nNo correction for slope will be applied.");
            d.slope = 0;
        } else {
            d.corrected = true;
        }
        return d;
    }
}
