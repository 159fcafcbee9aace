package org.camelcalacs.core.acsrej;

/**
 * The iterative cosmic-ray detection and combination of one chip (port of acsrej_loop, acsrej/acsrej_loop.c;
 * spec §5.2 acsrej). All arithmetic is single precision in the reference's order.
 *
 * <p>The reference walks the image line by line with scrolling buffers of {@code 2*ceil(CRRADIUS)+1} rows per
 * input, and this port keeps that structure because its results depend on it:
 * <ul>
 *   <li>the comparison image {@code ave} is updated in place line by line, so the SPILL test of rows above the
 *       current line already uses this iteration's values while thresholds use the previous ones;</li>
 *   <li>the per-pixel mask holds the input DQ value and the codes HIT=8, SPILL=2, EXCLUDE=4 in the same short,
 *       so input DQ bits 2, 4 and 8 act as those codes (e.g. an input DQ of exactly 4 is left out of the sum even
 *       when 4 is not in BADINPDQ, and an input DQ of 8 counts as rejected);</li>
 *   <li>pixels are processed left to right, and a SPILL mark from the left neighbour can lift an EXCLUDE.</li>
 * </ul>
 * The read-noise/gain variance of the reference ({@code sumvar}) is computed there but never used in any output,
 * so it is not computed here; hence -readnoise_only has no effect on the products, as in the reference.
 */
public final class CrRejection {
    static final short OK = 0;
    static final short HIT = 8;
    static final short SPILL = 2;
    static final short EXCLUDE = 4;
    /** DATAREJECT, the cosmic-ray DQ flag. */
    public static final short CRFLAG = (short) 8192;

    private CrRejection() {
    }

    /** Parameters of one run of the loop. */
    public record Params(float[] sigmas, float radius, float thresh, float scalense, short badinpdq,
                         boolean biasOrDark) {
    }

    /** What the loop produced besides the arrays. */
    public record Result(int nrej, byte[][] crBits) {
    }

    /**
     * Runs the rejection.
     *
     * @param sci     per image SCI (electrons), not modified
     * @param err     per image ERR (electrons), not modified
     * @param dq      per image DQ, not modified (the CR mask is returned in {@link Result#crBits})
     * @param nx      width
     * @param ny      height
     * @param efac    per image exposure time (1 for all if all were 0); images with efac ≤ 0 are skipped
     * @param sky     per image sky (electrons)
     * @param shad    SHADCORR reference aligned with the science array (nx*ny), or null when not applied
     * @param ave     in: the initial guess (e/s); out: the combined image (e/s, sky-subtracted)
     * @param aveErr  out: the combined error (electrons)
     * @param outDq   out: the combined DQ
     */
    public static Result run(float[][] sci, float[][] err, short[][] dq, int nx, int ny, float[] efac, float[] sky,
                             float[] shad, Params p, float[] ave, float[] aveErr, short[] outDq) {
        int nimgs = sci.length;
        short crflag = CRFLAG;
        float scale = (float) ((double) p.scalense() / 100.);
        short dqpat = p.badinpdq();
        short maskdq = (short) (OK | HIT | SPILL);
        if (!p.biasOrDark()) {
            maskdq |= EXCLUDE;
        } else {
            // BIAS/DARK stacks: bad-pixel flag 4 does not exclude a pixel (hstcal issue #373).
            dqpat = (short) (dqpat & ~EXCLUDE);
        }
        int width = (int) Math.ceil(p.radius());
        int bh = 1 + 2 * width;
        float rej2 = p.radius() * p.radius();
        float psig2 = p.thresh() * p.thresh();
        if (p.thresh() <= 0f) {
            psig2 = -1f;
        }
        float[][][] pic = new float[nimgs][bh][nx];
        float[][][] thresh = new float[nimgs][bh][nx];
        float[][][] spthresh = new float[nimgs][bh][nx];
        float[][][] ebuf = new float[nimgs][bh][nx];
        short[][][] mask = new short[nimgs][bh][nx];
        float[] sum = new float[nx];
        float[] err2 = new float[nx];
        float[] efacsum = new float[nx * ny];
        short[] bufdq = new short[nx];
        short[] dq2 = new short[nx * ny];
        float[] shadcorr = new float[nx];
        float[] shadline = new float[nx];
        int rowBytes = (nx + 7) / 8;
        byte[][] crBits = new byte[nimgs][rowBytes * ny];
        java.util.Arrays.fill(outDq, crflag);
        float[] exp2 = new float[nimgs];
        float exptot = 0f;
        for (int n = 0; n < nimgs; n++) {
            exp2[n] = efac[n] * efac[n];
            exptot += efac[n];
        }
        int niter = p.sigmas().length;
        int nrej = 0;
        for (int iter = 0; iter < niter; iter++) {
            boolean last = iter == niter - 1;
            float sig2 = p.sigmas()[iter] * p.sigmas()[iter];
            if (iter > 0) {
                java.util.Arrays.fill(efacsum, 0f);
                nrej = 0;
                for (int k = 0; k < nimgs; k++) {
                    for (int j = 0; j < bh; j++) {
                        java.util.Arrays.fill(mask[k][j], (short) 0);
                        java.util.Arrays.fill(pic[k][j], 0f);
                        java.util.Arrays.fill(thresh[k][j], 0f);
                        java.util.Arrays.fill(spthresh[k][j], 0f);
                        java.util.Arrays.fill(ebuf[k][j], 0f);
                    }
                }
            }
            for (int line = 0; line < ny; line++) {
                java.util.Arrays.fill(sum, 0f);
                java.util.Arrays.fill(err2, 0f);
                int blockStart = line - line % ShadRows.SECTLINES;
                if (line > 0) {
                    int bufftop = line + width;
                    for (int k = 0; k < nimgs; k++) {
                        if (efac[k] <= 0f) {
                            continue;
                        }
                        scroll(pic[k]);
                        scroll(thresh[k]);
                        scroll(spthresh[k]);
                        scroll(ebuf[k]);
                        scroll(mask[k]);
                        float[] prow = pic[k][bh - 1];
                        float[] erow = ebuf[k][bh - 1];
                        short[] mrow = mask[k][bh - 1];
                        if (bufftop < ny) {
                            int off = bufftop * nx;
                            scaleRow(sci[k], off, sky[k], efac[k], prow, nx);
                            System.arraycopy(err[k], off, erow, 0, nx);
                            System.arraycopy(dq[k], off, mrow, 0, nx);
                            ShadRows.shadcorr(shad, nx, ny, blockStart, bufftop, efac[k], shadcorr);
                            thresholds(bufftop, nx, efac[k], exp2[k], sig2, scale, ave, erow, shad == null ? null : shadcorr,
                                    thresh[k][bh - 1], spthresh[k][bh - 1]);
                        } else {
                            java.util.Arrays.fill(prow, 0f);
                            java.util.Arrays.fill(erow, 0f);
                            java.util.Arrays.fill(thresh[k][bh - 1], 0f);
                            java.util.Arrays.fill(spthresh[k][bh - 1], 0f);
                            java.util.Arrays.fill(mrow, (short) 0);
                        }
                    }
                } else {
                    for (int k = 0; k < nimgs; k++) {
                        if (efac[k] <= 0f) {
                            continue;
                        }
                        for (int l = 0; l <= width; l++) {
                            int row = line + l;
                            int ii = width + l;
                            if (row >= ny) {
                                continue;
                            }
                            int off = row * nx;
                            scaleRow(sci[k], off, sky[k], efac[k], pic[k][ii], nx);
                            System.arraycopy(dq[k], off, mask[k][ii], 0, nx);
                            System.arraycopy(err[k], off, ebuf[k][ii], 0, nx);
                            ShadRows.shadcorr(shad, nx, ny, blockStart, row, efac[k], shadcorr);
                            thresholds(row, nx, efac[k], exp2[k], sig2, scale, ave, ebuf[k][ii], shad == null ? null : shadcorr,
                                    thresh[k][ii], spthresh[k][ii]);
                        }
                    }
                }

                int lineOff = line * nx;
                for (int n = 0; n < nimgs; n++) {
                    float efacn = efac[n];
                    if (!(efacn > 0f)) {
                        continue;
                    }
                    short[] mc = mask[n][width];
                    float[] pc = pic[n][width];
                    float[] tc = thresh[n][width];
                    System.arraycopy(mc, 0, bufdq, 0, nx);
                    exclude(bufdq, mc, dqpat, nx);
                    markHits(line, nx, ny, width, rej2, psig2, pic[n], spthresh[n], mask[n], tc, ave);
                    accumulate(mc, maskdq, pc, ebuf[n][width], efacn, sum, efacsum, lineOff, err2, nx);
                    if (last) {
                        nrej += finalDq(mc, bufdq, dq2, outDq, lineOff, crBits[n], line * rowBytes, nx);
                    }
                }

                ShadRows.line(shad, nx, ny, line, shadline);
                updateAve(efacsum, lineOff, sum, err2, shad == null ? null : shadline, exptot, last, ave, aveErr, nx);
            }
        }
        return new Result(nrej, crBits);
    }


    // The per-line passes are small methods so that the JIT compiles them early (one-shot runs are short).

    /** (SCI − sky) / t for one row, in e/s. */
    private static void scaleRow(float[] s, int off, float sky, float efac, float[] out, int nx) {
        for (int i = 0; i < nx; i++) {
            out[i] = (s[off + i] - sky) / efac;
        }
    }

    /** Pixels with a BADINPDQ bit become EXCLUDE, except those already marked SPILL. */
    private static void exclude(short[] bufdq, short[] mc, short dqpat, int nx) {
        for (int i = 0; i < nx; i++) {
            if ((bufdq[i] & dqpat) != OK && bufdq[i] != SPILL) {
                mc[i] = EXCLUDE;
            }
        }
    }

    /** HIT test of the centre row, left to right, with the SPILL marking of the neighbours within CRRADIUS. */
    private static void markHits(int line, int nx, int ny, int width, float rej2, float psig2, float[][] pic,
                                 float[][] spthresh, short[][] mask, float[] tc, float[] ave) {
        short[] mc = mask[width];
        float[] pc = pic[width];
        int lineOff = line * nx;
        int bh = 2 * width + 1;
        for (int i = 0; i < nx; i++) {
            float d = pc[i] - ave[lineOff + i];
            if (d * d > tc[i] && mc[i] != EXCLUDE) {
                mc[i] = HIT;
                if (width == 0) {
                    continue;
                }
                for (int jj = 0; jj < bh; jj++) {
                    int jndx = line - width + jj;
                    if (jndx < 0 || jndx >= ny) {
                        continue;
                    }
                    int j2 = (width - jj) * (width - jj);
                    float[] pj = pic[jj];
                    float[] sj = spthresh[jj];
                    short[] mj = mask[jj];
                    int aoff = jndx * nx;
                    for (int ii = i - width; ii <= i + width; ii++) {
                        if ((float) ((ii - i) * (ii - i) + j2) > rej2) {
                            continue;
                        }
                        if (ii >= nx || ii < 0) {
                            continue;
                        }
                        float dd = pj[ii] - ave[aoff + ii];
                        if (dd * dd <= psig2 * sj[ii]) {
                            continue;
                        }
                        if (mj[ii] != HIT) {
                            mj[ii] = SPILL;
                        }
                    }
                }
            }
        }
    }

    /** Adds the good pixels of one image (sky-subtracted counts, exposure time, ERR²). */
    private static void accumulate(short[] mc, short maskdq, float[] pc, float[] ec, float efacn, float[] sum,
                                   float[] efacsum, int lineOff, float[] err2, int nx) {
        for (int i = 0; i < nx; i++) {
            if ((mc[i] & maskdq) == OK) {
                sum[i] += pc[i] * efacn;
                efacsum[lineOff + i] += efacn;
                err2[i] += ec[i] * ec[i];
            }
        }
    }

    /**
     * Last iteration: the output DQ (OR of the inputs without CR/SPILL bits; 8192 stays only while no input was
     * good), the running OR {@code dq2}, and the CR bit mask of this image. Returns the rejected pixel count.
     */
    private static int finalDq(short[] mc, short[] bufdq, short[] dq2, short[] outDq, int lineOff, byte[] bits,
                               int boff, int nx) {
        short crflag = CRFLAG;
        short nocr = (short) ~crflag;
        short nospill = (short) ~SPILL;
        int nrej = 0;
        for (int i = 0; i < nx; i++) {
            short b = (short) (bufdq[i] | dq2[lineOff + i]);
            b &= nocr;
            b &= nospill;
            short sval = (short) (b | outDq[lineOff + i]);
            if (mc[i] == HIT || mc[i] == SPILL) {
                b |= crflag;
                nrej++;
            } else {
                sval &= nocr;
            }
            dq2[lineOff + i] = b;
            outDq[lineOff + i] = sval;
            if ((b & crflag) == crflag) {
                bits[boff + (i >> 3)] |= (byte) (0x80 >>> (i & 7));
            }
        }
        return nrej;
    }

    /** The new average of the line (e/s) and, on the last iteration, its error (e). */
    private static void updateAve(float[] efacsum, int lineOff, float[] sum, float[] err2, float[] shadline,
                                  float exptot, boolean last, float[] ave, float[] aveErr, int nx) {
        for (int i = 0; i < nx; i++) {
            float pixexp = efacsum[lineOff + i];
            if (pixexp > 0f) {
                // without shading the reference divides by (1 + 0/pixexp) = 1, which changes no value
                ave[lineOff + i] = shadline == null ? sum[i] / pixexp
                        : (sum[i] / pixexp) / (1f + (shadline[i] / pixexp));
                if (last) {
                    aveErr[lineOff + i] = (float) ((exptot / pixexp) * Math.sqrt(err2[i]));
                }
            } else if (last) {
                ave[lineOff + i] = 0f;
                aveErr[lineOff + i] = 0f;
            }
        }
    }

    /** Port of calc_thresholds: CR threshold with SCALENSE, and the SPILL threshold without it, both in (e/s)². */
    static void thresholds(int line, int nx, float efacn, float exp2n, float sig2, float scale, float[] ave,
                           float[] buferr, float[] shadcorr, float[] threshRow, float[] spthreshRow) {
        int off = line * nx;
        if (shadcorr == null) {
            // no shading: the reference divides by 1, which changes no value
            for (int i = 0; i < nx; i++) {
                float dum = buferr[i] * buferr[i];
                float dumNosky = ave[off + i] * efacn;
                float pixsky = dumNosky > 0f ? dumNosky : 0f;
                float sp = scale * pixsky;
                threshRow[i] = sig2 * (dum + sp * sp) / exp2n;
                spthreshRow[i] = sig2 * dum / exp2n;
            }
            return;
        }
        for (int i = 0; i < nx; i++) {
            float dum = buferr[i] * buferr[i];
            float dumNosky = ave[off + i] * efacn / shadcorr[i];
            float pixsky = dumNosky > 0f ? dumNosky : 0f;
            float sp = scale * pixsky;
            threshRow[i] = sig2 * (dum + sp * sp) / exp2n;
            spthreshRow[i] = sig2 * dum / exp2n;
        }
    }

    /**
     * Applies the CR mask to an input DQ array as the reference's CRMASK write-back does: 8192 set where the
     * image was rejected and cleared elsewhere, over whole bytes of the bit mask only (readBitLine), so the last
     * {@code nx % 8} columns of each row are left untouched.
     */
    public static void applyMask(short[] dq, byte[] bits, int nx, int ny) {
        int rowBytes = (nx + 7) / 8;
        int full = (nx / 8) * 8;
        for (int y = 0; y < ny; y++) {
            int off = y * nx;
            int boff = y * rowBytes;
            for (int x = 0; x < full; x++) {
                if ((bits[boff + (x >> 3)] & (0x80 >>> (x & 7))) != 0) {
                    dq[off + x] |= CRFLAG;
                } else {
                    dq[off + x] &= (short) ~CRFLAG;
                }
            }
        }
    }

    private static void scroll(float[][] b) {
        if (b.length == 1) {
            return;
        }
        float[] first = b[0];
        System.arraycopy(b, 1, b, 0, b.length - 1);
        b[b.length - 1] = first;
    }

    private static void scroll(short[][] b) {
        if (b.length == 1) {
            return;
        }
        short[] first = b[0];
        System.arraycopy(b, 1, b, 0, b.length - 1);
        b[b.length - 1] = first;
    }

    /** Shading-correction rows as the reference buffers them (SECTLINES-row blocks; getShadBuff/getShadcorr). */
    static final class ShadRows {
        /** Rows per shading buffer block (acs.h SECTLINES). */
        static final int SECTLINES = 2;

        private ShadRows() {
        }

        /**
         * 1 + SHAD/efac for threshold row {@code row}. Quirk on purpose: the reference looks the row up in the
         * block buffered for the current line ({@code blockStart}), at offset {@code row % SECTLINES}, so a row
         * ahead of the block reads a row of the current block instead.
         */
        static void shadcorr(float[] shad, int nx, int ny, int blockStart, int row, float efac, float[] out) {
            if (shad == null) {
                return;
            }
            int r = blockStart + row % SECTLINES;
            float k = (float) (1. / efac);
            if (r >= ny) {
                java.util.Arrays.fill(out, 1f);
                return;
            }
            int off = r * nx;
            for (int i = 0; i < nx; i++) {
                out[i] = shad[off + i] * k + 1f;
            }
        }

        static void line(float[] shad, int nx, int ny, int line, float[] out) {
            if (shad == null) {
                return;
            }
            System.arraycopy(shad, line * nx, out, 0, nx);
        }
    }
}
