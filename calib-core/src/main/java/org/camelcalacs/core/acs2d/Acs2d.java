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
import org.camelcalacs.core.fits.Headers;
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

    /**
     * As {@link #process(Exposure, RunContext)} but calibrates {@code in}'s own pixel arrays (no copy of the
     * ~170 MB WFC exposure), for a caller that does not need the input afterwards (the calacs driver when this
     * ACS2D is the last reader of its input). The headers are still copied, as {@code process} does: nom-tam
     * inserts new cards at a header's cursor, which reads move, and a copy has its cursor at the end; working on
     * the input's own headers would put cards such as the ERR statistics elsewhere in the product.
     */
    public static Exposure processInPlace(Exposure in, RunContext ctx) {
        Exposure x = withHeaderCopies(in);
        Overrides.apply(x.primary(), ctx.options());
        try {
            run2d(x, ctx);
        } catch (NothingToDo e) {
            return withHeaderCopies(in);
        } catch (CalacsException e) {
            throw e.inFile(in.name()).inStage(NAME);
        }
        return x;
    }

    /** An exposure sharing {@code in}'s pixel arrays, with copies of its headers. */
    private static Exposure withHeaderCopies(Exposure in) {
        List<Imset> imsets = new ArrayList<>();
        for (Imset s : in.imsets()) {
            imsets.add(new Imset(s.extver, s.nx, s.ny, s.sci, s.err, s.dq, Headers.copy(s.sciHeader),
                    Headers.copy(s.errHeader), Headers.copy(s.dqHeader)));
        }
        return new Exposure(in.source(), Headers.copy(in.primary()), imsets);
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
        int width = Math.min(n, ctx.threads());
        if (width > 1 && parallelSafe(x, keys, plan)) {
            runParallel(x, n, width, keys, plan, ctx);
        } else {
            runSequential(x, n, keys, plan, ctx);
        }
        trl.info("");
        LOG.debug("ACS2D done: {} imset(s) of {}", n, x.name());
    }

    /** The references an imset reads (the prefetch list). */
    private static List<RefFile> wantedRefs(Keys keys, Plan plan) {
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
        return wanted;
    }

    /** The imsets one after the other; the next imset's references are read in the background. */
    private static void runSequential(Exposure x, int n, Keys keys, Plan plan, RunContext ctx) {
        Trailer trl = ctx.trailer();
        try (RefPrefetch refs = new RefPrefetch(n > 1 ? ctx.threads() : 1)) {
            List<RefFile> wanted = wantedRefs(keys, plan);
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
    }

    /**
     * True when the imsets of this exposure do not depend on each other's calibration, so that they may run on
     * separate threads: a CCD, and none of the steps that change the plan or write per-imset HISTORY while running
     * (FLSHCORR with FLASHDUR &le; 0 or an aborted flash, SHADCORR with EXPTIME &le; 0, an IMPHTTAB extrapolation),
     * nor the spot flat (it reads the primary header in ways {@link ImsetCalibration#replayPrimary} does not
     * repeat).
     */
    private static boolean parallelSafe(Exposure x, Keys keys, Plan plan) {
        if (!keys.det().isCcd()) {
            return false;
        }
        if (plan.flashcorr == Flag.PERFORM && (keys.flashdur() <= 0. || keys.flashsta().equalsIgnoreCase("ABORTED"))) {
            return false;
        }
        if (plan.shadcorr == Flag.PERFORM && keys.exptime() <= 0.) {
            return false;
        }
        if (plan.flatcorr == Flag.PERFORM && plan.pfltcorr == Flag.PERFORM && plan.cfltcorr == Flag.PERFORM) {
            return false;
        }
        if (plan.photcorr == Flag.PERFORM) {
            // every imset builds the same PHOTMODE; an extrapolation turns PHOTCORR to IGNORED for the next ones
            // read from a copy: a read moves nom-tam's header cursor, which decides where new cards go
            Hdr copy = new Hdr(org.camelcalacs.core.fits.Headers.copy(x.primary()), x.name(), "PRIMARY");
            float lrfwave = (float) copy.optDouble("LRFWAVE", -1.0);
            String photmode = PhotMode.build(keys.det(), keys.obstype(), keys.filter1(), keys.filter2(), lrfwave,
                    keys.expstart());
            if (plan.photResult(photmode).photflam() == org.camelcalacs.core.ref.table.ImphtTab.OUT_OF_RANGE) {
                return false;
            }
        }
        return true;
    }

    /**
     * The imsets on {@code width} threads (imset v on thread (v-1) mod width; imset 1 on the caller's). Imset 1
     * works on the exposure's primary header and the run's trailer; every other imset on a private copy of the
     * primary header and a recording trailer, whose messages and header updates are replayed in imset order once
     * all are done. Each imset's pixels are calibrated by the same kernels as in a sequential run, so products,
     * statistics and trailer are identical for any thread count.
     */
    private static void runParallel(Exposure x, int n, int width, Keys keys, Plan plan, RunContext ctx) {
        Trailer trl = ctx.trailer();
        Trailer[] lines = new Trailer[n + 1];
        nom.tam.fits.Header[] headers = new nom.tam.fits.Header[n + 1];
        ImsetCalibration[] cals = new ImsetCalibration[n + 1];
        RuntimeException[] failures = new RuntimeException[n + 1];
        Error[] errors = new Error[n + 1];
        lines[1] = trl;
        headers[1] = x.primary();
        for (int v = 2; v <= n; v++) {
            lines[v] = Trailer.recorder(trl);
            headers[v] = org.camelcalacs.core.fits.Headers.copy(x.primary());
        }
        try (RefPrefetch refs = new RefPrefetch(1)) {
            List<Thread> started = new ArrayList<>();
            for (int w = 1; w < width; w++) {
                final int worker = w;
                Thread th = new Thread(() -> imsetPart(worker, width, n, x, keys, plan, ctx, refs, lines, headers,
                        cals, failures, errors), "acs2d-imset-" + w);
                th.start();
                started.add(th);
            }
            imsetPart(0, width, n, x, keys, plan, ctx, refs, lines, headers, cals, failures, errors);
            for (Thread th : started) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for imset tasks", e);
                }
            }
        }
        for (int v = 1; v <= n; v++) {
            if (v > 1) {
                lines[v].replayInto(trl);
            }
            if (errors[v] != null) {
                throw errors[v];
            }
            if (failures[v] != null) {
                throw failures[v];
            }
            if (v > 1) {
                cals[v].replayPrimary(x.primary());
            }
        }
    }

    private static void imsetPart(int worker, int width, int n, Exposure x, Keys keys, Plan plan, RunContext ctx,
                                  RefPrefetch refs, Trailer[] lines, nom.tam.fits.Header[] headers,
                                  ImsetCalibration[] cals, RuntimeException[] failures, Error[] errors) {
        for (int v = worker + 1; v <= n; v += width) {
            if (worker == 0 && v > 1 && (failures[1] != null || errors[1] != null)) {
                return;
            }
            try {
                Trailer t = lines[v];
                t.info("");
                t.info("Imset " + v + "  Begin " + now());
                cals[v] = new ImsetCalibration(x, x.imset(v), v, keys, plan, ctx, refs, t, headers[v]);
                cals[v].run();
                t.info("Imset " + v + "  End " + now());
            } catch (RuntimeException e) {
                failures[v] = e;
                return;
            } catch (Error e) {
                errors[v] = e;
                return;
            }
        }
    }

    /** Do2D for one imset. */
    static void do2d(Exposure x, Imset s, int extver, Keys keys, Plan plan, RunContext ctx, RefPrefetch refs) {
        new ImsetCalibration(x, s, extver, keys, plan, ctx, refs, ctx.trailer(), x.primary()).run();
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
            Exposure x = withHeaderCopies(in); // read for this one use: its arrays are calibrated in place
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
