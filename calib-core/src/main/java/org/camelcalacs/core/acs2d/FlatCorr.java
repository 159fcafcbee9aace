package org.camelcalacs.core.acs2d;

/**
 * FLATCORR (port of doFlat/divFlat, acs2d/doflat.c, and div1d; spec §5.2 acs2d step 8). Each flat that is set
 * (PFLT, then DFLT; the spot flat multiplies the PFLT line when CFLTFILE is used) is divided in separately, line
 * by line: {@code SCI /= F}, {@code ERR = sqrt((ERR/F)² + (ERR_F·SCI/F²)²)}; where {@code F == 0} DQ gets 512
 * and SCI/ERR are left alone; DQ is ORed with the flat's DQ.
 *
 * <p>The LFLT branch of doFlat divides by a scratch line that is allocated but never filled (zeros), so in 10.5.0
 * every pixel gets DQ 512 and SCI/ERR are unchanged; {@link #LFLT_DIVIDES_BY_ZERO_LINE} reproduces that.
 */
public final class FlatCorr {
    public static final short CALIBDEFECT = 512;
    /** doFlat passes a never-filled (all zero) line to div1d for the low-order flat (spec §5.2 step 8, quirk). */
    public static final boolean LFLT_DIVIDES_BY_ZERO_LINE = true;

    private FlatCorr() {
    }

    /** div1d over a whole image. */
    public static void divide(float[] sci, float[] err, short[] dq, float[] fsci, float[] ferr, short[] fdq) {
        for (int i = 0; i < sci.length; i++) {
            float a = sci[i];
            float b = fsci[i];
            if (b == 0.f) {
                dq[i] |= CALIBDEFECT;
            } else {
                sci[i] = a / b;
                float aexpr = err[i] / b;
                float bexpr = ferr[i] * a / b / b;
                err[i] = (float) Math.sqrt(aexpr * aexpr + bexpr * bexpr);
            }
            dq[i] = (short) (dq[i] | fdq[i]);
        }
    }

    /** The LFLT quirk: a zero line divided in, so DQ |= 512 everywhere. */
    public static void lfltQuirk(short[] dq) {
        for (int i = 0; i < dq.length; i++) {
            dq[i] |= CALIBDEFECT;
        }
    }

    /** multlines: the PFLT line times the spot-flat line (SCI product; ERR combined relatively; DQ OR). */
    public static void multiplySpot(float[] fsci, float[] ferr, short[] fdq, float[] ssci, float[] serr, short[] sdq) {
        for (int i = 0; i < fsci.length; i++) {
            float a = fsci[i];
            float b = ssci[i];
            fsci[i] = a * b;
            float ea = ferr[i] * b;
            float eb = serr[i] * a;
            ferr[i] = (float) Math.sqrt(ea * ea + eb * eb);
            fdq[i] = (short) (fdq[i] | sdq[i]);
        }
    }
}
