package org.camelcalacs.core.acs2d;

import nom.tam.fits.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Statistics of the good pixels (port of doStat, lib/dostat.c; spec §5.2 acs2d step 11, acssum): over pixels
 * with no {@code sdqflags} bit and ERR &gt; 0, NGOODPIX, GOODMIN/MAX/MEAN and SNRMIN/MAX/MEAN of SCI (SCI header)
 * and NGOODPIX, GOODMIN/MAX/MEAN of ERR (ERR header). Sums are in double, written as float. With no good pixel
 * only NGOODPIX = 0 is written.
 */
public final class ImageStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(ImageStatistics.class);

    private ImageStatistics() {
    }

    /** The result; {@code numGood == 0} means the other fields are undefined. */
    public record Stats(int numGood, double min, double max, double mean, double errMin, double errMax,
                        double errMean, double snrMin, double snrMax, double snrMean, int badErr) {
    }

    public static Stats compute(float[] sci, float[] err, short[] dq, short sdqflags) {
        int n = 0;
        int bad = 0;
        double vs = 0;
        double vmin = 0;
        double vmax = 0;
        double es = 0;
        double emin = 0;
        double emax = 0;
        double ss = 0;
        double smin = 0;
        double smax = 0;
        for (int i = 0; i < sci.length; i++) {
            if ((sdqflags & dq[i]) != 0) {
                continue;
            }
            double value = sci[i];
            double stddev = err[i];
            if (stddev <= 0.) {
                bad++;
                continue;
            }
            double snr = value / stddev;
            if (n < 1) {
                vs = value;
                vmin = value;
                vmax = value;
                es = stddev;
                emin = stddev;
                emax = stddev;
                ss = snr;
                smin = snr;
                smax = snr;
                n = 1;
            } else {
                vs += value;
                es += stddev;
                ss += snr;
                // plain comparisons as in the C (a NaN never replaces the running value)
                if (value < vmin) {
                    vmin = value;
                }
                if (value > vmax) {
                    vmax = value;
                }
                if (stddev < emin) {
                    emin = stddev;
                }
                if (stddev > emax) {
                    emax = stddev;
                }
                if (snr < smin) {
                    smin = snr;
                }
                if (snr > smax) {
                    smax = snr;
                }
                n++;
            }
        }
        if (n > 0) {
            vs /= n;
            es /= n;
            ss /= n;
        }
        return new Stats(n, vmin, vmax, vs, emin, emax, es, smin, smax, ss, bad);
    }

    /** The warning doStat prints when no pixel is good, or null. */
    public static String warning(Stats s, int area) {
        if (s.numGood() > 0) {
            return null;
        }
        if (area == 0) {
            return "Output image size is zero.";
        }
        if (s.badErr() > 0) {
            return s.badErr() == area ? "No ERR values > 0." : "All output pixels either flagged as bad or ERR <= 0.";
        }
        return "All output pixels flagged as bad.";
    }

    /** Writes the keywords as doStat does. */
    public static void write(Stats s, Header sciHdr, Header errHdr) {
        if (s.numGood() == 0) {
            sciHdr.addValue("NGOODPIX", 0, "");
            errHdr.addValue("NGOODPIX", 0, "");
            return;
        }
        sciHdr.addValue("NGOODPIX", s.numGood(), "number of good pixels");
        put(sciHdr, "GOODMIN", s.min(), "minimum good data value");
        put(sciHdr, "GOODMAX", s.max(), "maximum good data value");
        put(sciHdr, "GOODMEAN", s.mean(), "average of good data values");
        put(sciHdr, "SNRMIN", s.snrMin(), "minimum S/N of good data values");
        put(sciHdr, "SNRMAX", s.snrMax(), "maximum S/N of good data values");
        put(sciHdr, "SNRMEAN", s.snrMean(), "mean S/N of good data values");
        errHdr.addValue("NGOODPIX", s.numGood(), "number of good pixels");
        put(errHdr, "GOODMIN", s.errMin(), "minimum sigma for good data");
        put(errHdr, "GOODMAX", s.errMax(), "maximum sigma for good data");
        put(errHdr, "GOODMEAN", s.errMean(), "average of sigma for good data");
    }

    /** PutKeyFlt: the value as a float; FITS cannot hold NaN/Inf, so such a value is left out (and logged). */
    private static void put(Header h, String key, double v, String comment) {
        float f = (float) v;
        if (Float.isFinite(f)) {
            h.addValue(key, f, comment);
        } else {
            LOG.warn("{} = {} cannot be written to a FITS header; keyword left unchanged", key, f);
        }
    }
}
