package org.camelcalacs.core.calacs;

import java.util.ArrayList;
import java.util.List;

import org.camelcalacs.core.model.Detector;

/**
 * The calacs plan: a pure function from the association and the first-exposure flags of each position to the
 * ordered list of stage invocations (port of the control flow of ProcessACSCCD, ProcessMAMA and CalAcsRun,
 * calacs/calacs.c; spec §5.1). No file is read here, so the plan is unit-tested without pixels.
 */
public final class StagePlan {
    private StagePlan() {
    }

    /** What an invocation does. */
    public enum Kind {
        /** raw → blv_tmp. */
        ACSCCD,
        /** A file copied under a new name (raw → blv_tmp, crj_tmp → crj, blv_tmp → flt, raw → flt). */
        COPY,
        /** blv_tmp → blc_tmp. */
        ACSCTE,
        /** member blv_tmp/blc_tmp → crj_tmp/crc_tmp. */
        ACSREJ,
        /** → flt/flc/crj/crc; {@code dark} tells which dark the header will select. */
        ACS2D,
        /** SBC flts → sfl. */
        ACSSUM,
        /** association trailer (no image). */
        ACSDTH,
        /** "No calibration switch was set to PERFORM": stop here, nothing-to-do outcome. */
        NOTHING_TO_DO
    }

    /**
     * One stage invocation.
     *
     * @param kind       the stage
     * @param posid      position it belongs to (0 for the DTH step)
     * @param inputs     input file names (in the output directory)
     * @param output     output file name
     * @param trailer    rootname of the trailer its messages go to
     * @param trailerInputs trailers whose content is copied into {@code trailer} first (products and DTH)
     * @param dark       DARKFILE or DRKCFILE for ACS2D, else null
     * @param mtype      ASN_MTYP of an ACSREJ/ACSSUM product, or ""
     * @param product    true when {@code output} is a final product (flt, flc, crj, crc, sfl)
     */
    public record Invocation(Kind kind, int posid, List<String> inputs, String output, String trailer,
                             List<String> trailerInputs, String dark, String mtype, boolean product) {
        @Override
        public String toString() {
            return kind + " " + inputs + " -> " + output + (dark != null ? " (" + dark + ")" : "");
        }
    }

    /**
     * A position as the plan needs it.
     *
     * @param posid    position id
     * @param prodRoot sub-product rootname ("" when there is none)
     * @param mtype    sub-product MEMTYPE (normalised) for ASN_MTYP
     * @param members  exposure rootnames
     * @param flags    flags from the first exposure's header
     */
    public record Position(int posid, String prodRoot, String mtype, List<String> members, CalFlags flags) {
    }

    /**
     * Input of the plan.
     *
     * @param detector   detector of the association
     * @param full       a whole association (FULL): the DTH step runs
     * @param asnRoot    association rootname (trailer of the DTH step)
     * @param asnFile    association table file name (for the ASN_MTYP rule), or the raw for a single exposure
     * @param dthProduct PROD-DTH member name, or null
     * @param positions  positions in order
     */
    public record Input(Detector detector, boolean full, String asnRoot, String asnFile, String dthProduct,
                        List<Position> positions) {
    }

    /** Builds the plan. */
    public static List<Invocation> plan(Input in) {
        return in.detector() == Detector.SBC ? mama(in) : ccd(in);
    }

    private static List<Invocation> ccd(Input in) {
        List<Invocation> out = new ArrayList<>();
        for (Position p : in.positions()) {
            CalFlags f = p.flags();
            if (f.nothingToDo()) {
                out.add(new Invocation(Kind.NOTHING_TO_DO, p.posid(), List.of(), "", "", List.of(), null, "", false));
                return out;
            }
            boolean rej = f.crcorr() || f.rptcorr();
            List<String> blvs = new ArrayList<>();
            List<String> blcs = new ArrayList<>();
            List<String> trls = new ArrayList<>();
            for (String m : p.members()) {
                String blv = m + "_blv_tmp.fits";
                if (f.basicCcd()) {
                    out.add(inv(Kind.ACSCCD, p.posid(), List.of(m + "_raw.fits"), blv, m, null, false));
                } else {
                    out.add(inv(Kind.COPY, p.posid(), List.of(m + "_raw.fits"), blv, m, null, false));
                }
                if (f.basicCte()) {
                    out.add(inv(Kind.ACSCTE, p.posid(), List.of(blv), m + "_blc_tmp.fits", m, null, false));
                }
                blvs.add(blv);
                blcs.add(m + "_blc_tmp.fits");
                trls.add(m);
            }
            if (rej) {
                String prod = p.prodRoot();
                String mtype = sameRoot(in.asnFile(), prod + "_crj_tmp.fits")
                        ? (in.dthProduct() != null ? "prod-dth" : "") : p.mtype();
                out.add(new Invocation(Kind.ACSREJ, p.posid(), List.copyOf(blvs), prod + "_crj_tmp.fits", prod,
                        List.copyOf(trls), null, mtype, false));
                out.add(f.basic2d()
                        ? inv(Kind.ACS2D, p.posid(), List.of(prod + "_crj_tmp.fits"), prod + "_crj.fits", prod,
                                "DARKFILE", true)
                        : inv(Kind.COPY, p.posid(), List.of(prod + "_crj_tmp.fits"), prod + "_crj.fits", prod, null,
                                true));
                if (f.basicCte()) {
                    out.add(new Invocation(Kind.ACSREJ, p.posid(), List.copyOf(blcs), prod + "_crc_tmp.fits", prod,
                            List.of(), null, mtype, false));
                    out.add(f.basic2d()
                            ? inv(Kind.ACS2D, p.posid(), List.of(prod + "_crc_tmp.fits"), prod + "_crc.fits", prod,
                                    "DRKCFILE", true)
                            : inv(Kind.COPY, p.posid(), List.of(prod + "_crc_tmp.fits"), prod + "_crc.fits", prod,
                                    null, true));
                }
            }
            for (String m : p.members()) {
                String blv = m + "_blv_tmp.fits";
                out.add(f.basic2d()
                        ? inv(Kind.ACS2D, p.posid(), List.of(blv), m + "_flt.fits", m, "DARKFILE", true)
                        : inv(Kind.COPY, p.posid(), List.of(blv), m + "_flt.fits", m, null, true));
                if (f.basicCte()) {
                    String blc = m + "_blc_tmp.fits";
                    out.add(f.basic2d()
                            ? inv(Kind.ACS2D, p.posid(), List.of(blc), m + "_flc.fits", m, "DRKCFILE", true)
                            : inv(Kind.COPY, p.posid(), List.of(blc), m + "_flc.fits", m, null, true));
                }
            }
        }
        dth(in, out);
        return out;
    }

    private static List<Invocation> mama(Input in) {
        List<Invocation> out = new ArrayList<>();
        // ProcessMAMA reads the switches of the very first exposure only.
        CalFlags f = in.positions().get(0).flags();
        for (Position p : in.positions()) {
            for (String m : p.members()) {
                out.add(f.basic2d()
                        ? inv(Kind.ACS2D, p.posid(), List.of(m + "_raw.fits"), m + "_flt.fits", m, "DARKFILE", true)
                        : inv(Kind.COPY, p.posid(), List.of(m + "_raw.fits"), m + "_flt.fits", m, null, true));
            }
        }
        if (!f.basic2d() && !f.rptcorr()) {
            out.add(new Invocation(Kind.NOTHING_TO_DO, 0, List.of(), "", "", List.of(), null, "", false));
            return out;
        }
        if (f.rptcorr()) {
            for (Position p : in.positions()) {
                if (p.members().isEmpty()) {
                    continue;
                }
                List<String> flts = new ArrayList<>();
                for (String m : p.members()) {
                    flts.add(m + "_flt.fits");
                }
                out.add(new Invocation(Kind.ACSSUM, p.posid(), List.copyOf(flts), p.prodRoot() + "_sfl.fits",
                        p.prodRoot(), List.copyOf(p.members()), null, p.mtype(), true));
            }
        }
        dth(in, out);
        return out;
    }

    /** The DTH step of a full association: the association trailer, built from the sub-product trailers. */
    private static void dth(Input in, List<Invocation> out) {
        if (!in.full()) {
            return;
        }
        List<String> trl = new ArrayList<>();
        for (Position p : in.positions()) {
            boolean combined = p.flags().crcorr() || p.flags().rptcorr()
                    || (in.detector() == Detector.SBC && in.positions().get(0).flags().rptcorr());
            if (combined && !p.prodRoot().isEmpty()) {
                trl.add(p.prodRoot());
            } else {
                trl.addAll(p.members());
            }
        }
        out.add(new Invocation(Kind.ACSDTH, 0, List.of(), in.dthProduct() == null ? "" : in.dthProduct(),
                in.asnRoot(), List.copyOf(trl), null, "PROD-DTH", false));
    }

    /**
     * The reference's ASN_MTYP rule: when the first 9 characters of the association name and of the crj_tmp
     * name agree, the product role is the (usually empty) PROD-DTH role instead of the sub-product's.
     */
    static boolean sameRoot(String asnFile, String crjTmp) {
        if (asnFile == null) {
            return false;
        }
        int n = Math.min(9, Math.min(asnFile.length(), crjTmp.length()));
        return asnFile.regionMatches(0, crjTmp, 0, n) && (n == 9 || asnFile.length() == crjTmp.length());
    }

    private static Invocation inv(Kind k, int posid, List<String> in, String out, String trl, String dark,
                                  boolean product) {
        return new Invocation(k, posid, in, out, trl, List.of(), dark, "", product);
    }
}
