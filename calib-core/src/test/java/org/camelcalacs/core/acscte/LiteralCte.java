package org.camelcalacs.core.acscte;

/**
 * A deliberately naive, statement-by-statement reading of the reference's CTE code (ctegen2.c and
 * dopcte-gen3.c), single-threaded, with the amp rotation done as literal transposes and flips of row-major arrays.
 * Tests compare the optimised kernels with it bit for bit.
 */
final class LiteralCte {
    private LiteralCte() {
    }

    /** simulatePixelReadout_v1_2 exactly as written (every trap visits every pixel). */
    static void readoutPass(double[] col, float[] traps, CteModel m) {
        int n = col.length;
        double maxPixel = 10;
        for (int i = 0; i < n; i++) {
            maxPixel = col[i] > maxPixel ? col[i] : maxPixel;
        }
        int maxIdx = m.nTraps() - 1;
        for (int w = maxIdx; w >= 0; --w) {
            if (m.qlev()[w] <= maxPixel) {
                maxIdx = w;
                break;
            }
        }
        for (int w = maxIdx; w >= 0; --w) {
            int nT = m.trailLength();
            double trapped = 0;
            for (int i = 0; i < n; i++) {
                double pixel = col[i];
                boolean inside = nT < m.trailLength();
                double add = 0;
                double extra = 0;
                double remove = 0;
                if (i > 0) {
                    if ((double) traps[i] < (double) traps[i - 1]) {
                        trapped *= ((double) traps[i] / (double) traps[i - 1]);
                    }
                }
                if (pixel >= m.qlev()[w]) {
                    if (inside) {
                        ++nT;
                        add = m.rprof()[w * m.profileLength() + nT - 1] * trapped;
                        extra = m.cprof()[w * m.profileLength() + nT - 1] * trapped;
                    }
                    trapped = m.dpdewPerTransfer()[w] * (double) traps[i];
                    remove = trapped;
                    nT = 0;
                } else if (inside) {
                    ++nT;
                    add = m.rprof()[w * m.profileLength() + nT - 1] * trapped;
                }
                col[i] += add + extra - remove;
            }
        }
    }

    static void simulate(double[] col, float[] traps, CteModel m) {
        for (int s = 1; s <= m.nPar(); s++) {
            readoutPass(col, traps, m);
        }
    }

    /** inverseCTEBlur for one column. */
    static double[] invert(double[] observed, float[] traps, CteModel m, double rn2) {
        int n = observed.length;
        double[] model = new double[n];
        double[] temp = new double[n];
        int nRedo = 0;
        boolean redo;
        do {
            System.arraycopy(observed, 0, model, 0, n);
            for (int it = 1; it <= m.nForward() - 1; it++) {
                System.arraycopy(model, 0, temp, 0, n);
                simulate(model, traps, m);
                for (int i = 0; i < n; i++) {
                    double delta = model[i] - observed[i];
                    double delta2 = delta * delta;
                    delta *= delta2 / (delta2 + rn2);
                    model[i] = temp[i] - delta;
                }
            }
            System.arraycopy(model, 0, temp, 0, n);
            simulate(model, traps, m);
            for (int i = 0; i < n; i++) {
                model[i] = temp[i] - (model[i] - observed[i]);
            }
            redo = m.fixRocr() && ColumnReadout.correctCrOverSubtraction(traps, model, observed, n, m.threshold());
        } while (redo && ++nRedo < 5);
        return model;
    }

    /** cteSmoothImage, single thread, sequential RMS sum, column-major arrays. */
    static float[] smooth(float[] in, int nRows, int nCols, double rn) {
        float[] out = in.clone();
        if (rn < 0.1) {
            return out;
        }
        float[] adj = new float[in.length];
        float[] noise = new float[in.length];
        for (int iter = 0; iter < 100; iter++) {
            for (int i = 0; i < nCols; i++) {
                int imid = i == 0 ? 1 : (i == nCols - 1 ? nCols - 2 : i);
                for (int j = 0; j < nRows; j++) {
                    adj[i * nRows + j] = (float) ReadNoiseSmoothing.dadj(in, out, imid, 1 + i - imid, j, nRows, rn);
                }
            }
            for (int i = 0; i < nCols; i++) {
                for (int j = 0; j < nRows; j++) {
                    out[i * nRows + j] += adj[i * nRows + j] * 0.75;
                    noise[i * nRows + j] = in[i * nRows + j] - out[i * nRows + j];
                }
            }
            double rms = 0;
            double nrms = 0;
            for (int j = 0; j < nCols; j++) {
                for (int i = 0; i < nRows; i++) {
                    if (Math.abs(in[j * nRows + i]) > 0.1 || Math.abs(out[j * nRows + i]) > 0.1) {
                        double t = noise[j * nRows + i];
                        rms += t * t;
                        ++nrms;
                    }
                }
            }
            rms = Math.sqrt(rms / nrms);
            if ((rn - rms) < 0.00001) {
                break;
            }
        }
        return out;
    }

    /** A row-major float image with its own width, as hstio's FloatTwoDArray. */
    static final class Img {
        int nx;
        int ny;
        float[] d;

        Img(int nx, int ny, float[] d) {
            this.nx = nx;
            this.ny = ny;
            this.d = d;
        }

        float get(int x, int y) {
            return d[y * nx + x];
        }

        void set(int x, int y, float v) {
            d[y * nx + x] = v;
        }
    }

    static void transpose(Img a) {
        float[] t = new float[a.d.length];
        int rows = a.ny;
        int cols = a.nx;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a.d[i * cols + j];
            }
        }
        a.nx = rows;
        a.ny = cols;
        a.d = t;
    }

    static void side2side(Img a) {
        for (int y = 0; y < a.ny; y++) {
            for (int x = 0; x < a.nx / 2; x++) {
                float t = a.get(x, y);
                a.set(x, y, a.get(a.nx - x - 1, y));
                a.set(a.nx - x - 1, y, t);
            }
        }
    }

    static void top2bottom(Img a) {
        for (int y = 0; y < a.ny / 2; y++) {
            for (int x = 0; x < a.nx; x++) {
                float t = a.get(x, y);
                a.set(x, y, a.get(x, a.ny - 1 - y));
                a.set(x, a.ny - 1 - y, t);
            }
        }
    }

    /** rotateAmpData_acscte. */
    static void rotate(Img a, int amp) {
        transpose(a);
        if (amp == AmpGeometry.AMP_B || amp == AmpGeometry.AMP_C) {
            side2side(a);
        } else {
            top2bottom(a);
        }
    }

    /** derotateAmpData_acscte. */
    static void derotate(Img a, int amp) {
        transpose(a);
        if (amp == AmpGeometry.AMP_B || amp == AmpGeometry.AMP_C) {
            top2bottom(a);
        } else {
            side2side(a);
        }
    }

    /** alignAmpData. */
    static void align(Img a, int amp) {
        if (amp == AmpGeometry.AMP_C) {
            return;
        }
        if (amp == AmpGeometry.AMP_B || amp == AmpGeometry.AMP_D) {
            side2side(a);
        }
        if (amp == AmpGeometry.AMP_A || amp == AmpGeometry.AMP_B) {
            top2bottom(a);
        }
    }

    /**
     * doPCTEGen3 for one amp of a chip (sci/err row-major nx x ny), the amp spanning columns [xbeg, xbeg+w) and
     * all rows; {@code scale} gives SENS values per working column.
     */
    static void doAmp(float[] sci, float[] err, int nx, int ny, int amp, int xbeg, int w, boolean serial,
                      CteModel m, double[][] scale, double rn, boolean forward) {
        Img s = new Img(w, ny, new float[w * ny]);
        Img e = new Img(w, ny, new float[w * ny]);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < w; x++) {
                s.set(x, y, sci[y * nx + xbeg + x]);
                e.set(x, y, err[y * nx + xbeg + x]);
            }
        }
        if (serial) {
            rotate(s, amp);
            rotate(e, amp);
        }
        align(s, amp);
        align(e, amp);
        int nC = s.nx;
        int nR = s.ny;
        float[] cm = new float[nC * nR];
        for (int c = 0; c < nC; c++) {
            for (int r = 0; r < nR; r++) {
                cm[c * nR + r] = s.get(c, r);
            }
        }
        float[] sm = forward ? cm.clone() : smooth(cm, nR, nC, rn);
        float[] corr = new float[nC * nR];
        for (int c = 0; c < nC; c++) {
            float[] traps = new float[nR];
            ColumnReadout.trapColumn(traps, nR, scale[c], m.scaleFrac());
            double[] obs = new double[nR];
            for (int r = 0; r < nR; r++) {
                obs[r] = sm[c * nR + r];
            }
            double[] model;
            if (forward) {
                model = obs.clone();
                simulate(model, traps, m);
            } else {
                model = invert(obs, traps, m, rn * rn);
            }
            for (int r = 0; r < nR; r++) {
                corr[c * nR + r] = (float) model[r];
            }
        }
        for (int k = 0; k < nR; k++) {
            for (int mm = 0; mm < nC; mm++) {
                float delta = corr[mm * nR + k] - sm[mm * nR + k];
                double te = 0.1 * Math.abs(delta);
                s.set(mm, k, s.get(mm, k) + delta);
                float e2 = e.get(mm, k);
                e2 *= e2;
                e.set(mm, k, (float) Math.sqrt(e2 + te * te));
            }
        }
        align(s, amp);
        align(e, amp);
        if (serial) {
            derotate(s, amp);
            derotate(e, amp);
        }
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < w; x++) {
                sci[y * nx + xbeg + x] = s.get(x, y);
                err[y * nx + xbeg + x] = e.get(x, y);
            }
        }
    }
}
