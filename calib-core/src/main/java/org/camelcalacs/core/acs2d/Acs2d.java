package org.camelcalacs.core.acs2d;

import static org.camelcalacs.core.acs2d.Acs2dPlan.plan;
import static org.camelcalacs.core.acs2d.Acs2dTrailer.date;
import static org.camelcalacs.core.acs2d.Acs2dTrailer.now;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camelcalacs.core.acs2d.Acs2dPlan.Flag;
import org.camelcalacs.core.acs2d.Acs2dPlan.Keys;
import org.camelcalacs.core.acs2d.Acs2dPlan.Plan;
import org.camelcalacs.core.array.RefGeometry;
import org.camelcalacs.core.calacs.Overrides;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.ref.table.MlinTab;
import org.camelcalacs.core.trailer.Trailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACS2D stage (_blv_tmp/_blc_tmp/_crj_tmp/_crc_tmp/raw → flt/flc/crj/crc; spec §5.2 acs2d; port of ACS2d,
 * acs2d/acs2d.c, Get2dFlags, Sanity2d and Do2D, acs2d/do2d.c). Per imset, in order: CCDTAB lookup (CCD), DQICORR,
 * GLINCORR/LFLGCORR (MAMA), conversion to electrons, ERR initialisation if ERR is all zero, DARKCORR, FLSHCORR,
 * FLATCORR, SHADCORR, PHOTMODE and PHOTCORR, statistics, EXPSCORR.
 */
public final class Acs2d {
    public static final String NAME = "ACS2D";
    private static final Logger LOG = LoggerFactory.getLogger(Acs2d.class);

    private Acs2d() {
    }

    /**
     * Calibrates in memory and returns the product (the input is not modified). When no step has anything to do
     * (every switch OMIT, or every reference DUMMY) the data are returned unchanged, as calacs then copies its
     * input to the product name; see {@link #hasWork}.
     */
    public static Exposure process(Exposure in, RunContext ctx) {
        Exposure x = in.copy();
        Overrides.apply(x.primary(), ctx.options());
        try {
            run2d(x, ctx);
        } catch (NothingToDo e) {
            return in.copy();
        } catch (CalacsException e) {
            throw e.inFile(in.name()).inStage(NAME);
        }
        return x;
    }

    /** True if ACS2D would perform at least one step on this input (Get2dFlags finds something to do). */
    public static boolean hasWork(Exposure in, RunContext ctx) {
        Exposure x = new Exposure(in.source(), org.camelcalacs.core.fits.Headers.copy(in.primary()), List.of());
        Overrides.apply(x.primary(), ctx.options());
        return plan(x.primaryHdr(), Keys.read(x.primaryHdr()), ctx).nsteps > 0;
    }

    /** Get2dFlags' NOTHING_TO_DO. */
    static final class NothingToDo extends CalacsException {
        private static final long serialVersionUID = 1L;

        NothingToDo(String file) {
            super("No calibration switch was set to PERFORM, or all reference files had PEDIGREE = DUMMY: "
                    + "nothing to do");
            inFile(file).inStage(NAME);
        }
    }

    private static void run2d(Exposure x, RunContext ctx) {
        Trailer trl = ctx.trailer();
        Hdr p = x.primaryHdr();
        Keys keys = Keys.read(p);
        trl.info("APERTURE " + keys.aperture());
        trl.info("FILTER1 " + keys.filter1());
        trl.info("FILTER2 " + keys.filter2());
        trl.info("DETECTOR " + keys.detName());
        Plan plan = plan(p, keys, ctx);
        if (plan.nsteps < 1) {
            // Get2dFlags returns NOTHING_TO_DO: ACS2d stops before touching the data
            trl.warn("No calibration switch was set to PERFORM,");
            trl.warn("  or all reference files had PEDIGREE = DUMMY.");
            throw new NothingToDo(x.name());
        }
        if (plan.glincorr == Flag.PERFORM || plan.lflgcorr == Flag.PERFORM) {
            MlinTab.Row row = MlinTab.lookup(plan.mlin.path(), keys.detName());
            if (row.dummy()) {
                if (plan.glincorr == Flag.PERFORM) {
                    plan.glincorr = Flag.DUMMY;
                }
                if (plan.lflgcorr == Flag.PERFORM) {
                    plan.lflgcorr = Flag.DUMMY;
                }
            }
            plan.mlinRow = row;
        }
        trl.verbose("Processing " + keys.nimsets() + " IMSETs...");
        int n = Math.min(keys.nimsets(), x.imsets().size());
        try (RefPrefetch refs = new RefPrefetch(n > 1 ? ctx.threads() : 1)) {
            List<RefFile> wanted = new ArrayList<>();
            for (RefFile r : new RefFile[] {
                plan.darkcorr == Flag.PERFORM ? plan.dark : null,
                plan.flashcorr == Flag.PERFORM && keys.flashdur() > 0 ? plan.flash : null,
                plan.flatcorr == Flag.PERFORM && plan.pfltcorr == Flag.PERFORM ? plan.pflt : null,
                plan.flatcorr == Flag.PERFORM && plan.dfltcorr == Flag.PERFORM ? plan.dflt : null,
                plan.shadcorr == Flag.PERFORM && keys.exptime() > 0 ? plan.shad : null}) {
                if (r != null) {
                    wanted.add(r);
                }
            }
            refs.prefetch(wanted, x.imset(1).ccdChip());
            for (int v = 1; v <= n; v++) {
                if (v < n) {
                    refs.prefetch(wanted, x.imset(v + 1).ccdChip());
                }
                trl.info("");
                trl.info("Imset " + v + "  Begin " + now());
                do2d(x, x.imset(v), v, keys, plan, ctx, refs);
                refs.forget(x.imset(v).ccdChip());
                trl.info("Imset " + v + "  End " + now());
            }
        }
        trl.info("");
        LOG.debug("ACS2D done: {} imset(s) of {}", n, x.name());
    }

    /** Do2D for one imset. */
    static void do2d(Exposure x, Imset s, int extver, Keys keys, Plan plan, RunContext ctx, RefPrefetch refs) {
        new ImsetCalibration(x, s, extver, keys, plan, ctx, refs).run();
    }

    /** A cut-out of a reference imset (trim1d/trim2d with bin 1); the full-size case shares the imset's arrays. */
    record Section(float[] sci, float[] err, short[] dq) {
        static Section cut(Imset ref, int x0, int y0, int nx, int ny, String step) {
            try {
                if (x0 == 0 && y0 == 0 && nx == ref.nx && ny == ref.ny) {
                    // the reference imset was read for this one use, so its arrays can be worked on directly
                    return new Section(ref.sci, ref.err, ref.dq);
                }
                return new Section(RefGeometry.cutOut(ref.sci, ref.nx, ref.ny, x0, y0, nx, ny),
                        RefGeometry.cutOut(ref.err, ref.nx, ref.ny, x0, y0, nx, ny),
                        RefGeometry.cutOut(ref.dq, ref.nx, ref.ny, x0, y0, nx, ny));
            } catch (CalacsException e) {
                throw e.inStep(step);
            }
        }
    }

    /**
     * acs2d.e: reads {@code input}; writes {@code output}, or when null the name mapped from the input
     * (_raw/_blv_tmp → _flt, _blc_tmp → _flc, _crj_tmp → _crj, _crc_tmp → _crc) in the output directory.
     */
    public static Path run(Path input, Path output, RunContext ctx) {
        Path out = output != null ? output : ctx.options().outputDir().resolve(outputName(input));
        Trailer trl = ctx.trailer();
        trl.info("");
        trl.info("CALBEG*** ACS2D -- Version " + VERSION + " ***");
        trl.info("Begin    " + date());
        trl.info("Input    " + input.getFileName());
        trl.info("Output   " + out.getFileName());
        try {
            if (!ctx.options().overwrite() && java.nio.file.Files.exists(out)) {
                throw (org.camelcalacs.core.error.OutputExistsException)
                        new org.camelcalacs.core.error.OutputExistsException("Output file already exists")
                                .inFile(out.getFileName()).inStage(NAME);
            }
            Exposure in = AcsFits.read(input);
            Exposure x = in.copy();
            Overrides.apply(x.primary(), ctx.options());
            try {
                run2d(x, ctx);
            } catch (NothingToDo e) {
                throw e; // acs2d.e: an error exit, no product
            } catch (CalacsException e) {
                throw e.inFile(in.name()).inStage(NAME);
            }
            Exposure result = x;
            result.setSource(out);
            AcsFits.write(result, out, ctx.options().overwrite());
            trl.info("End      " + date());
            trl.info("");
            trl.info("*** ACS2D complete ***");
            return out;
        } catch (CalacsException e) {
            trl.error(e.getMessage());
            throw e;
        } finally {
            trl.flushTo(out.toAbsolutePath().getParent().resolve(trailerName(out)));
        }
    }

    /** The trailer of a product: its name without the product suffix, with .tra (Init2DTrl). */
    static String trailerName(Path product) {
        String n = String.valueOf(product.getFileName());
        int dot = n.indexOf('.');
        String base = dot > 0 ? n.substring(0, dot) : n;
        for (String suf : new String[] {"_flt", "_flc", "_crj", "_crc"}) {
            if (base.endsWith(suf)) {
                base = base.substring(0, base.length() - suf.length());
                break;
            }
        }
        return base + ".tra";
    }

    private static String date() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss",
                Locale.ROOT)) + " UTC";
    }

    /** The version string written in trailer banners. */
    public static final String VERSION = "10.5.0 (16-Mar-2026)";

    /** Init2DTrl's output naming: _raw/_blv_tmp → _flt, _blc_tmp → _flc, _crj_tmp → _crj, _crc_tmp → _crc. */
    public static String outputName(Path input) {
        String name = String.valueOf(input.getFileName());
        String base = name;
        String ext = "";
        for (String e : new String[] {".fits.gz", ".fits", ".fit"}) {
            if (name.endsWith(e)) {
                base = name.substring(0, name.length() - e.length());
                ext = ".fits";
                break;
            }
        }
        if (ext.isEmpty()) {
            ext = ".fits";
        }
        String[][] map = {{"_raw", "_flt"}, {"_blv_tmp", "_flt"}, {"_blc_tmp", "_flc"}, {"_crj_tmp", "_crj"},
            {"_crc_tmp", "_crc"}};
        for (String[] m : map) {
            if (base.endsWith(m[0])) {
                return base.substring(0, base.length() - m[0].length()) + m[1] + ext;
            }
        }
        return base + "_flt" + ext;
    }
}
