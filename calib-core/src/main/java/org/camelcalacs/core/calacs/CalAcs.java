package org.camelcalacs.core.calacs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import nom.tam.fits.Header;
import org.camelcalacs.core.acs2d.Acs2d;
import org.camelcalacs.core.acsccd.AcsCcd;
import org.camelcalacs.core.acscte.AcsCte;
import org.camelcalacs.core.acsrej.AcsRej;
import org.camelcalacs.core.acsrej.RejParams;
import org.camelcalacs.core.acssum.AcsSum;
import org.camelcalacs.core.asn.AsnInput;
import org.camelcalacs.core.asn.AsnTable;
import org.camelcalacs.core.asn.Association;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.FitsFile;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.fits.Headers;
import org.camelcalacs.core.model.Detector;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.trailer.Trailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calacs driver (calacs.e, CalAcsRun; spec §4, §5.1): resolves the input (association, raw, product name or
 * rootname), plans the stages per position ({@link StagePlan}), runs them with the intermediate exposures held
 * in memory (the {@code _tmp} files are written only with -s), names products, and writes trailers per exposure,
 * per product and per association. The user's association table is never modified.
 */
public final class CalAcs {
    public static final String NAME = "CALACS";
    public static final String VERSION = "10.5.0";
    private static final Logger LOG = LoggerFactory.getLogger(CalAcs.class);

    private CalAcs() {
    }

    /** Runs calacs on {@code input} (a name relative to the output directory, or a path). */
    public static CalAcsResult run(String input, RunContext ctx) {
        return new Run(ctx).run(input);
    }

    /** The planning half of a run: input resolution, association, flags and the reference check. */
    public record Prepared(AsnInput input, Detector detector, StagePlan.Input planInput,
                           Map<String, Path> rawFiles, List<String> warnings, Map<Integer, Integer> productRows,
                           int dthRow) {
    }

    /** Reads what the plan needs (headers only) and checks that every needed reference file exists. */
    public static Prepared prepare(String input, RunContext ctx) {
        Path outDir = ctx.options().outputDir();
        Path given = Path.of(input);
        Path inDir = given.getParent() == null ? outDir : (given.isAbsolute() ? given.getParent()
                : outDir.resolve(given.getParent()));
        AsnInput in = AsnInput.resolve(given.getFileName().toString(), inDir);
        Path headerFile = in.asnTable() != null ? in.asnTable() : in.file();
        Hdr gh;
        try (FitsFile f = FitsFile.open(headerFile)) {
            gh = new Hdr(Headers.copy(f.primaryHeader()), f.name(), "PRIMARY");
        }
        String instr = gh.reqString("INSTRUME");
        if (!instr.startsWith("ACS")) {
            throw new InvalidInputException(headerFile.getFileName() + " is not an ACS image! (INSTRUME=\"" + instr
                    + "\")").inFile(headerFile.getFileName()).forKeyword("INSTRUME");
        }
        String detName = gh.reqString("DETECTOR");
        Detector det = detName.startsWith("WFC") ? Detector.WFC : detName.startsWith("HRC") ? Detector.HRC
                : detName.startsWith("SBC") ? Detector.SBC : null;
        List<String> warnings = new ArrayList<>();
        try {
            if (det == null) {
                warnings.add("Unknown detector type for observations.");
                return new Prepared(in, null, null, Map.of(), warnings, Map.of(), 0);
            }
            Map<String, Path> raws = new LinkedHashMap<>();
            List<StagePlan.Position> positions = new ArrayList<>();
            boolean asnCr = false;
            boolean asnRpt = false;
            String dth = null;
            Map<Integer, Integer> productRows = new HashMap<>();
            int dthRow = 0;
            String asnFile;
            if (in.process() == AsnInput.Process.SINGLE) {
                String root = in.rootname();
                raws.put(root, in.file());
                CalFlags f = CalFlags.of(memberHeader(in.file(), ctx), det, 1, false, false);
                positions.add(new StagePlan.Position(1, "", "", List.of(root), f));
                asnFile = in.file().getFileName().toString();
            } else {
                AsnTable t = AsnTable.read(in.asnTable());
                Association a = Association.of(t, det, in.process() == AsnInput.Process.PARTIAL ? in.rootname() : null);
                warnings.addAll(a.warnings());
                asnCr = a.mode() == Association.Mode.CR;
                asnRpt = a.mode() == Association.Mode.RPT;
                dth = a.dthProduct();
                dthRow = a.dthRow();
                for (Association.Position p : a.positions()) {
                    if (p.asnRow() > 0) {
                        productRows.put(p.posid(), p.asnRow());
                    }
                }
                Path dir = in.asnTable().getParent();
                CalFlags first = null;
                for (Association.Position p : a.positions()) {
                    List<String> members = new ArrayList<>();
                    for (Association.Member m : p.members()) {
                        members.add(m.name());
                        raws.put(m.name(), dir.resolve(m.rawFile()));
                    }
                    CalFlags f;
                    if (det == Detector.SBC && first != null) {
                        f = first;
                    } else {
                        f = CalFlags.of(memberHeader(raws.get(members.get(0)), ctx), det, members.size(), asnCr, asnRpt);
                    }
                    if (first == null) {
                        first = f;
                    }
                    String prodRoot = p.spname().isEmpty() ? "" : AsnInput.root(p.spname());
                    positions.add(new StagePlan.Position(p.posid(), prodRoot, p.mtype(), members, f));
                }
                if (positions.isEmpty()) {
                    throw new InvalidInputException("No data available for given assoc. table")
                            .inFile(in.asnTable().getFileName());
                }
                asnFile = in.asnTable().getFileName().toString();
            }
            // CheckCorr: CCD associations must agree with the CRCORR/RPTCORR of the first exposure.
            CalFlags f0 = positions.get(0).flags();
            if (det != Detector.SBC && (f0.crcorr() != asnCr || f0.rptcorr() != asnRpt)) {
                throw new InvalidInputException("CRCORR and/or RPTCORR values not consistent with ASN table!")
                        .forKeyword("CRCORR");
            }
            // RefExist for every position, all missing files at once.
            List<String> missing = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (StagePlan.Position p : positions) {
                for (String msg : RefCheck.missing(p.flags().refs(), det, ctx.refs())) {
                    if (seen.add(msg)) {
                        missing.add(msg);
                    }
                }
                warnings.addAll(p.flags().warnings());
            }
            if (!missing.isEmpty()) {
                String head = missing.size() == 1 ? "One reference file was missing."
                        : missing.size() + " reference files were missing.";
                throw new ReferenceFileException(head + " " + String.join(" ", missing));
            }
            String asnRoot = AsnInput.root(asnFile);
            StagePlan.Input pin = new StagePlan.Input(det, in.process() == AsnInput.Process.FULL, asnRoot, asnFile, dth,
                    positions);
            return new Prepared(in, det, pin, raws, warnings, productRows, dthRow);
        } catch (CalacsException e) {
            // what was learnt before the failure (absent members ...) still belongs in the trailer
            warnings.forEach(ctx.trailer()::warn);
            throw e;
        }
    }

    /** The primary header of an exposure with the user's overrides applied (never written back). */
    private static Hdr memberHeader(Path raw, RunContext ctx) {
        if (!Files.isRegularFile(raw)) {
            throw new InvalidInputException("Member \"" + raw.getFileName() + "\" is not present")
                    .inFile(raw.getFileName());
        }
        try (FitsFile f = FitsFile.open(raw)) {
            Header h = Headers.copy(f.primaryHeader());
            Overrides.apply(h, ctx.options());
            return new Hdr(h, f.name(), "PRIMARY");
        }
    }

    /** One execution of the plan. */
    private static final class Run {
        private final RunContext ctx;
        private final Trailer trl;
        private final Path outDir;
        private final boolean overwrite;
        private final Map<String, Exposure> mem = new HashMap<>();
        private final List<Path> products = new ArrayList<>();
        private final Set<Path> trailers = new LinkedHashSet<>();
        private final Set<String> startedTrailers = new HashSet<>();
        private final Map<String, Map<String, String>> status = new LinkedHashMap<>();
        private final Map<String, Long> timings = new LinkedHashMap<>();
        private final Set<Integer> skip2d = new HashSet<>();
        private final Set<Integer> asnRowsMade = new java.util.TreeSet<>();
        private List<String> preface = List.of();
        private final Set<String> savedTemporaries = new HashSet<>();
        private List<StagePlan.Invocation> plan = List.of();

        Run(RunContext ctx) {
            this.ctx = ctx;
            this.trl = ctx.trailer();
            this.outDir = ctx.options().outputDir();
            this.overwrite = ctx.options().overwrite() || "yes".equalsIgnoreCase(ctx.env().get("imclobber"));
        }

        CalAcsResult run(String input) {
            trl.info("*** CALACS -- Version " + VERSION + " (16-Mar-2026) ***");
            trl.info("Begin    " + java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(
                    java.time.format.DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss 'UTC'", Locale.ROOT)));
            trl.timeStamp("CALACS started", "");
            trl.info("");
            trl.info("Input    " + input);
            Prepared prep;
            try {
                prep = prepare(input, ctx);
            } catch (CalacsException e) {
                trl.error(e.getMessage());
                flushTo(AsnInput.root(Path.of(input).getFileName().toString()));
                throw e.inStage(NAME);
            }
            for (String w : prep.warnings()) {
                trl.warn(w);
            }
            if (prep.detector() == null) {
                return finishNothing(AsnInput.root(Path.of(input).getFileName().toString()));
            }
            plan = StagePlan.plan(prep.planInput());
            if (trl.verbosity().atLeast(org.camelcalacs.core.model.Verbosity.VERBOSE)) {
                trl.verbose("CALACS: Detector " + prep.detector());
                for (StagePlan.Invocation i : plan) {
                    trl.debug("CALACS plan: " + i);
                }
            }
            preface = trl.pendingLines();
            trl.discard();
            String lastTrailer = prep.planInput().full() ? prep.planInput().asnRoot()
                    : prep.planInput().positions().get(0).members().get(0);
            boolean nothing = false;
            try {
                for (StagePlan.Invocation inv : plan) {
                    if (inv.kind() == StagePlan.Kind.NOTHING_TO_DO) {
                        trl.warn("No calibration switch was set to PERFORM.");
                        trl.warn(prep.detector() == Detector.SBC ? "No processing desired for MAMA data."
                                : "No processing desired for CCD data.");
                        nothing = true;
                        break;
                    }
                    long t0 = System.nanoTime();
                    execute(inv, prep);
                    timings.merge(inv.kind() + " " + inv.output(), (System.nanoTime() - t0) / 1_000_000L, Long::sum);
                    flushTo(inv.trailer());
                    lastTrailer = inv.trailer();
                    ctx.progress(NAME, inv.kind().name(), inv.toString(), -1);
                }
            } catch (CalacsException e) {
                trl.error(e.getMessage());
                flushTo(lastTrailer);
                throw e.inStage(NAME);
            }
            if (nothing) {
                return finishNothing(lastTrailer);
            }
            bookkeeping(prep);
            trl.info("");
            trl.info("End      " + java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(
                    java.time.format.DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss 'UTC'", Locale.ROOT)));
            trl.info("");
            trl.info("*** CALACS complete ***");
            trl.timeStamp("CALACS completed", "");
            flushTo(lastTrailer);
            return new CalAcsResult(List.copyOf(products), List.copyOf(trailers), false, status, timings);
        }

        /**
         * The reference sets MEMPRSNT and ASN_PROD in the user's table; here the updated copy is written to the
         * output directory only when the table lives elsewhere, and the rows are always listed in the result.
         */
        private void bookkeeping(Prepared prep) {
            Path asn = prep.input().asnTable();
            if (asn == null || asnRowsMade.isEmpty()) {
                return;
            }
            Map<String, String> rows = new LinkedHashMap<>();
            for (int r : asnRowsMade) {
                rows.put("row " + r, "MEMPRSNT=T");
            }
            status.put(asn.getFileName().toString(), rows);
            Path parent = asn.toAbsolutePath().getParent();
            if (parent != null && !parent.normalize().equals(outDir.toAbsolutePath().normalize())) {
                AsnTable.writeUpdated(asn, outDir.resolve(asn.getFileName()), asnRowsMade, overwrite);
            }
        }

        /** "Nothing to do": the caller (calacs.e) prints "CALACS did NOT process" and exits 0. */
        private CalAcsResult finishNothing(String trailerRoot) {
            flushTo(trailerRoot);
            return new CalAcsResult(List.copyOf(products), List.copyOf(trailers), true, status, timings);
        }

        private void execute(StagePlan.Invocation inv, Prepared prep) {
            switch (inv.kind()) {
                case ACSCCD -> {
                    Exposure raw = loadRaw(inv.trailer(), prep);
                    trl.timeStamp("Begin ACSCCD", inv.trailer());
                    // the raw was read for this one use: ACSCCD calibrates its arrays (saves a ~170 MB WFC copy)
                    mem.put(inv.output(), AcsCcd.processInPlace(raw, ctx));
                    mem.remove(inv.inputs().get(0));
                }
                case ACSCTE -> {
                    trl.timeStamp("Begin ACSCTE", inv.trailer());
                    mem.put(inv.output(), AcsCte.process(get(inv.inputs().get(0)), ctx));
                }
                case ACSREJ -> {
                    copyTrailers(inv);
                    List<Exposure> ins = new ArrayList<>();
                    for (String n : inv.inputs()) {
                        ins.add(get(n));
                    }
                    CalFlags f = flagsOf(prep, inv.posid());
                    RejParams par = new RejParams(null, false, null, f.readnoiseOnly(), null, null, null, null,
                            null, null, null);
                    trl.timeStamp("Begin ACSREJ", inv.trailer());
                    AcsRej.Outcome o = AcsRej.process(ins, par, ctx, inv.output(), inv.mtype());
                    Integer row = prep.productRows().get(inv.posid());
                    if (row != null && inv.output().endsWith("_crj_tmp.fits")) {
                        asnRowsMade.add(row);
                    }
                    if (!o.goodData()) {
                        skip2d.add(inv.posid());
                    }
                    mem.put(inv.output(), o.product());
                    if (ctx.options().saveTemporaries()) {
                        write(o.product(), inv.output(), false);
                    }
                }
                case ACS2D -> {
                    String src = inv.inputs().get(0);
                    boolean loaded = src.endsWith("_raw.fits");
                    Exposure in = loaded ? loadRaw(inv.trailer(), prep) : get(src);
                    Exposure out;
                    if (skip2d.contains(inv.posid())) {
                        out = in;
                    } else {
                        // with -s the _blv_tmp/_blc_tmp is written before ACS2D reads it (as acsccd/acsrej
                        // leave it on disk for acs2d in the reference), so ACS2D may then calibrate it in place
                        saveTemporary(inv);
                        trl.timeStamp("Begin ACS2D", inv.trailer());
                        out = loaded || lastConsumer(inv) ? Acs2d.processInPlace(in, ctx) : Acs2d.process(in, ctx);
                    }
                    write(out, inv.output(), true);
                    if (prep.detector() == Detector.SBC) {
                        mem.put(inv.output(), out);
                    }
                    release(inv, prep);
                }
                case COPY -> {
                    String src = inv.inputs().get(0);
                    Exposure e = src.endsWith("_raw.fits") ? loadRaw(inv.trailer(), prep) : get(src);
                    if (inv.product()) {
                        if (prep.detector() == Detector.SBC) {
                            trl.warn("No processing performed on image.");
                            trl.warn("Copying input to " + inv.output());
                        }
                        write(e, inv.output(), true);
                        if (prep.detector() == Detector.SBC) {
                            mem.put(inv.output(), e);
                        }
                        release(inv, prep);
                    } else {
                        mem.put(inv.output(), e);
                    }
                }
                case ACSSUM -> {
                    copyTrailers(inv);
                    List<Exposure> ins = new ArrayList<>();
                    for (String n : inv.inputs()) {
                        Exposure e = mem.remove(n);
                        ins.add(e != null ? e : AcsFits.read(outDir.resolve(n)));
                    }
                    trl.info("ACSSUM starting now...");
                    // the sfl takes the product's rootname (FindAsnRoot of its name) and role, as acssum.e does
                    String mtype = inv.mtype() == null || inv.mtype().isEmpty() ? null
                            : inv.mtype().toUpperCase(Locale.ROOT);
                    Exposure sum = AcsSum.process(ins, AcsSum.asnRoot(outDir.resolve(inv.output())), mtype, ctx);
                    write(sum, inv.output(), true);
                    Integer row = prep.productRows().get(inv.posid());
                    if (row != null) {
                        asnRowsMade.add(row);
                    }
                }
                case ACSDTH -> {
                    copyTrailers(inv);
                    if (inv.output().isEmpty()) {
                        trl.warn("No DTH product name specified. No product created.");
                    } else {
                        trl.info("*** ACSDTH -- Version " + VERSION + " ***");
                        trl.timeStamp("ACSDTH started", "");
                        trl.info("The task DrizzlePac needs to be run in order to generate");
                        trl.info("a geometrically corrected, drizzle-combined product.");
                        trl.info("See https://www.stsci.edu/scientific-community/software/drizzlepac for more details.");
                        trl.info("*** ACSDTH complete ***");
                        if (prep.dthRow() > 0) {
                            asnRowsMade.add(prep.dthRow());
                        }
                    }
                }
                default -> throw new IllegalStateException("unexpected " + inv.kind());
            }
        }

        private CalFlags flagsOf(Prepared prep, int posid) {
            for (StagePlan.Position p : prep.planInput().positions()) {
                if (p.posid() == posid) {
                    return p.flags();
                }
            }
            return prep.planInput().positions().get(0).flags();
        }

        /** After a member's last product: writes its temporaries with -s and frees its arrays. */
        private void release(StagePlan.Invocation inv, Prepared prep) {
            if (!inv.output().endsWith("_flt.fits") && !inv.output().endsWith("_flc.fits")) {
                if (inv.inputs().get(0).endsWith("_crj_tmp.fits") || inv.inputs().get(0).endsWith("_crc_tmp.fits")) {
                    mem.remove(inv.inputs().get(0));
                }
                return;
            }
            String src = inv.inputs().get(0);
            saveTemporary(inv);
            CalFlags f = flagsOf(prep, inv.posid());
            boolean lastOfMember = !f.basicCte() || inv.output().endsWith("_flc.fits");
            if (src.endsWith("_tmp.fits")) {
                mem.remove(src);
            }
            if (lastOfMember) {
                String m = inv.trailer();
                mem.remove(m + "_blv_tmp.fits");
                mem.remove(m + "_blc_tmp.fits");
            }
        }

        /**
         * With -s, writes the member temporary ({@code _blv_tmp}/{@code _blc_tmp}) an flt/flc is made from, once,
         * after its last change (ACSREJ's CR flags in the DQ of CR-split members included).
         */
        private void saveTemporary(StagePlan.Invocation inv) {
            String src = inv.inputs().get(0);
            if (ctx.options().saveTemporaries() && src.endsWith("_tmp.fits") && mem.containsKey(src)
                    && (inv.output().endsWith("_flt.fits") || inv.output().endsWith("_flc.fits"))
                    && savedTemporaries.add(src)) {
                write(mem.get(src), src, false);
            }
        }

        /** True when no invocation after {@code inv} reads its input (then the input may be calibrated in place). */
        private boolean lastConsumer(StagePlan.Invocation inv) {
            String src = inv.inputs().get(0);
            int at = plan.indexOf(inv);
            if (at < 0) {
                return false;
            }
            for (int k = at + 1; k < plan.size(); k++) {
                if (plan.get(k).inputs().contains(src)) {
                    return false;
                }
            }
            return true;
        }

        private Exposure get(String name) {
            Exposure e = mem.get(name);
            if (e == null) {
                throw new InvalidInputException("intermediate " + name + " is not available").inFile(name);
            }
            return e;
        }

        private Exposure loadRaw(String member, Prepared prep) {
            Path p = prep.rawFiles().get(member);
            if (p == null || !Files.isRegularFile(p)) {
                throw new InvalidInputException("Member \"" + member + "\" is not present").inFile(
                        p == null ? member : p.getFileName());
            }
            Exposure e = AcsFits.read(p);
            Overrides.apply(e.primary(), ctx.options());
            return e;
        }

        private void write(Exposure e, String name, boolean product) {
            Path out = outDir.resolve(name);
            AcsFits.write(e, out, overwrite);
            if (product) {
                products.add(out);
                Map<String, String> sw = new LinkedHashMap<>();
                Hdr h = new Hdr(e.primary(), name, "PRIMARY");
                for (Switch s : Switch.values()) {
                    String v = h.optString(s.keyword(), null);
                    if (v != null) {
                        sw.put(s.keyword(), v);
                    }
                }
                status.put(name, sw);
            }
            LOG.debug("wrote {}", out);
        }

        /** Copies the trailers of the inputs of a product into the product's trailer (hstcal InitTrlFile). */
        private void copyTrailers(StagePlan.Invocation inv) {
            if (inv.trailerInputs().isEmpty()) {
                return;
            }
            List<String> pending = trl.pendingLines();
            trl.discard();
            Path target = outDir.resolve(inv.trailer() + ".tra");
            try {
                for (String t : inv.trailerInputs()) {
                    Path src = outDir.resolve(t + ".tra");
                    if (Files.isRegularFile(src) && !src.equals(target)) {
                        Files.write(target, Files.readAllBytes(src), StandardOpenOption.CREATE,
                                StandardOpenOption.APPEND);
                    }
                }
                if (!pending.isEmpty()) {
                    Files.writeString(target, String.join("\n", pending) + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                LOG.warn("cannot write trailer {}: {}", target, e.toString());
            }
            trailers.add(target);
            startedTrailers.add(inv.trailer());
        }

        /** Appends the pending lines to {@code <root>.tra}; a new exposure trailer starts with the preface. */
        private void flushTo(String root) {
            if (root == null || root.isEmpty()) {
                trl.discard();
                return;
            }
            Path target = outDir.resolve(root + ".tra");
            if (startedTrailers.add(root) && !preface.isEmpty()) {
                try {
                    Files.writeString(target, String.join("\n", preface) + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    LOG.warn("cannot write trailer {}: {}", target, e.toString());
                }
            }
            trl.flushTo(target);
            if (Files.exists(target)) {
                trailers.add(target);
            }
        }
    }
}
