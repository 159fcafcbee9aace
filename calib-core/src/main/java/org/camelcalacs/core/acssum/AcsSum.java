package org.camelcalacs.core.acssum;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nom.tam.fits.Header;
import org.camelcalacs.core.acs2d.ImageStatistics;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.OutputExistsException;
import org.camelcalacs.core.error.SizeMismatchException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.model.Detector;
import org.camelcalacs.core.trailer.Trailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACSSUM stage: sums repeat-obs FLTs (SBC RPT) into an _sfl (spec §5.2 acssum; port of AcsSum, SumGrps and
 * PutSumHdrInfo, acssum/acssum.c). Per imset (matched by CCDCHIP): {@code SCI = ΣSCI}, ERR by adding variances
 * ({@code ERR = sqrt(ΣERR²)}, in float), {@code DQ = OR}; statistics with the primary SDQFLAGS (default 65535);
 * EXPTIME = ΣEXPTIME, EXPEND = the last input's, NCOMBINE = number of inputs, RPTCORR = COMPLETE, NEXTEND, ROOTNAME
 * (upper case, from the output name), EXPNAME in the extensions, and ASN_MTYP when a member type is given.
 */
public final class AcsSum {
    public static final String NAME = "ACSSUM";
    private static final Logger LOG = LoggerFactory.getLogger(AcsSum.class);

    private AcsSum() {
    }

    public static Exposure process(List<Exposure> inputs, RunContext ctx) {
        return process(inputs, null, null, ctx);
    }

    /**
     * Sums {@code inputs}.
     *
     * @param rootname the product rootname (FindAsnRoot of the output name), or null to keep the first input's
     * @param mtype    the member type written to ASN_MTYP (calacs passes the product's role), or null
     */
    public static Exposure process(List<Exposure> inputs, String rootname, String mtype, RunContext ctx) {
        Trailer trl = ctx.trailer();
        if (inputs.isEmpty()) {
            throw (InvalidInputException) new InvalidInputException("ACSSUM needs input images").inStage(NAME);
        }
        Exposure first = inputs.get(0);
        Hdr p = first.primaryHdr();
        String aperture = p.reqString("APERTURE");
        String detName = p.reqString("DETECTOR");
        if (Detector.parse(detName).isEmpty()) {
            throw (InvalidInputException) new InvalidInputException("DETECTOR = " + detName + " is invalid")
                    .inFile(first.name()).forKeyword("DETECTOR").inStage(NAME);
        }
        double exptime0 = p.reqDouble("EXPTIME");
        short sdqflags = (short) p.optInt("SDQFLAGS", 65535);
        int nimsets = p.optInt("NEXTEND", 3) / 3;
        int nrptexp = p.reqInt("NRPTEXP");
        if (nrptexp != inputs.size()) {
            trl.warn(inputs.size() + " exposures will be summed, however, NRPTEXP was " + nrptexp + ".");
        }
        if (inputs.size() <= 1) {
            throw (InvalidInputException) new InvalidInputException(
                    "ACSSUM: Can not continue. There is only one input image!").inStage(NAME);
        }
        trl.info("APERTURE " + aperture);
        trl.info("FILTER1 " + p.optString("FILTER1", ""));
        trl.info("FILTER2 " + p.optString("FILTER2", ""));
        trl.info("DETECTOR " + detName);

        Exposure out = first.copy();
        List<Imset> sums = new ArrayList<>();
        double expend = 0;
        double sumexptime = exptime0;
        for (int extver = 1; extver <= nimsets; extver++) {
            trl.info("Imset " + extver + "  Begin");
            Imset x = out.imset(extver);
            int chip = x.ccdChip();
            expend = first.primaryHdr().reqDouble("EXPEND");
            sumexptime = exptime0;
            float[] var = x.err;
            for (int k = 0; k < var.length; k++) {
                var[k] = var[k] * var[k];
            }
            for (int i = 1; i < inputs.size(); i++) {
                Exposure in = inputs.get(i);
                Imset y = in.imsetByChip(chip);
                if (y == null) {
                    throw (InvalidInputException) new InvalidInputException("no imset with CCDCHIP = " + chip)
                            .inFile(in.name()).inStage(NAME);
                }
                if (y.nx != x.nx || y.ny < x.ny) {
                    throw (SizeMismatchException) new SizeMismatchException("image is " + y.nx + "x" + y.ny
                            + " but the first input is " + x.nx + "x" + x.ny).inFile(in.name()).inStage(NAME);
                }
                Hdr ip = in.primaryHdr();
                sumexptime += ip.reqDouble("EXPTIME");
                expend = ip.reqDouble("EXPEND");
                addInto(x.sci, x.err, x.dq, y.sci, y.err, y.dq, x.nx * x.ny);
            }
            for (int k = 0; k < var.length; k++) {
                var[k] = (float) Math.sqrt(var[k]);
            }
            trl.info("");
            ImageStatistics.Stats st = ImageStatistics.compute(x.sci, x.err, x.dq, sdqflags);
            String w = ImageStatistics.warning(st, x.nx * x.ny);
            if (w != null) {
                trl.warn(w);
            }
            ImageStatistics.write(st, x.sciHeader, x.errHeader);
            putSumHdrInfo(out.primary(), sumexptime, expend, inputs.size(), nimsets);
            out.primary().addValue("CAL_VER", "10.5.0 (16-Mar-2026)", "version number and date");
            if (rootname != null) {
                for (Header h : new Header[] {x.sciHeader, x.errHeader, x.dqHeader}) {
                    if (h.containsKey("EXPNAME")) {
                        h.addValue("EXPNAME", rootname, h.findCard("EXPNAME").getComment());
                    } else {
                        h.addValue("EXPNAME", rootname, "exposure identifier");
                    }
                }
                out.primary().addValue("ROOTNAME", rootname.toUpperCase(Locale.ROOT), "Rootname of the observation set");
            }
            if (mtype != null && !mtype.isBlank()) {
                out.primary().addValue("ASN_MTYP", mtype, "Role of the Member in the Association");
            }
            sums.add(x);
            trl.info("Imset " + extver + "  End");
        }
        // only the summed imsets go out
        out.imsets().removeIf(s -> !sums.contains(s));
        LOG.debug("ACSSUM summed {} inputs", inputs.size());
        return out;
    }

    /** RptSumLine over a whole imset: sums SCI, adds variances (ERR holds variance here), ORs DQ. */
    public static void addInto(float[] sci, float[] var, short[] dq, float[] bsci, float[] berr, short[] bdq, int n) {
        for (int k = 0; k < n; k++) {
            sci[k] = sci[k] + bsci[k];
            float e = berr[k];
            var[k] = var[k] + e * e;
            dq[k] = (short) (dq[k] | bdq[k]);
        }
    }

    /** PutSumHdrInfo. */
    static void putSumHdrInfo(Header ph, double sumexptime, double expend, int nimages, int nimsets) {
        ph.addValue("RPTCORR", "COMPLETE", "add individual repeat observations");
        ph.seekTail();
        ph.insertHistory("RPTCORR complete");
        ph.seekTail();
        ph.insertHistory("Statistics computed after rptcorr.");
        ph.addValue("NEXTEND", 3 * nimsets, "number of extensions");
        ph.addValue("NCOMBINE", nimages, "number of imsets combined");
        ph.addValue("EXPTIME", sumexptime, "exposure time");
        ph.addValue("EXPEND", expend, "exposure end time");
    }

    /** acssum.e: writes {@code output} (default {@code <input with _asn>_sfl.fits}), returns it. */
    public static Path run(List<Path> inputs, Path output, RunContext ctx) {
        return run(inputs, output, null, ctx);
    }

    /** As {@link #run(List, Path, RunContext)}, with the member type calacs writes to ASN_MTYP (e.g. PROD-RPT). */
    public static Path run(List<Path> inputs, Path output, String mtype, RunContext ctx) {
        if (inputs.isEmpty()) {
            throw (InvalidInputException) new InvalidInputException("ACSSUM needs input images").inStage(NAME);
        }
        Path out = output != null ? output : ctx.options().outputDir().resolve(defaultOutputName(inputs.get(0)));
        Trailer trl = ctx.trailer();
        trl.info("");
        trl.info("CALBEG*** ACSSUM -- Version 10.5.0 (16-Mar-2026) ***");
        for (Path in : inputs) {
            trl.info("Input    " + in.getFileName());
        }
        trl.info("Output   " + out.getFileName());
        if (!ctx.options().overwrite() && Files.exists(out)) {
            throw (OutputExistsException) new OutputExistsException("Output file already exists")
                    .inFile(out.getFileName()).inStage(NAME);
        }
        try {
            List<Exposure> xs = new ArrayList<>();
            for (Path in : inputs) {
                xs.add(AcsFits.read(in));
            }
            Exposure sum = process(xs, asnRoot(out), mtype, ctx);
            sum.setSource(out);
            AcsFits.write(sum, out, ctx.options().overwrite());
            trl.info("");
            trl.info("*** ACSSUM complete ***");
            return out;
        } catch (org.camelcalacs.core.error.CalacsException e) {
            trl.error(e.getMessage());
            throw e;
        } finally {
            trl.flushTo(out.toAbsolutePath().getParent().resolve(asnRoot(out) + ".tra"));
        }
    }

    /** MkName(input, "_asn", "_sfl"): replace a trailing _asn, else append _sfl. */
    public static String defaultOutputName(Path input) {
        String name = String.valueOf(input.getFileName());
        String base = name.endsWith(".fits") ? name.substring(0, name.length() - 5) : name;
        if (base.endsWith("_asn")) {
            base = base.substring(0, base.length() - 4);
        }
        return base + "_sfl.fits";
    }

    /** FindAsnRoot: the output name up to its last underscore suffix ("jcrx01011_sfl.fits" → "jcrx01011"). */
    public static String asnRoot(Path output) {
        String name = String.valueOf(output.getFileName());
        int dot = name.indexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        int us = base.lastIndexOf('_');
        return us > 0 ? base.substring(0, us) : base;
    }
}
