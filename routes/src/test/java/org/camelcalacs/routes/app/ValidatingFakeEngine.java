package org.camelcalacs.routes.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nom.tam.fits.Header;
import org.camelcalacs.camel.component.calacs.AssociationTable;
import org.camelcalacs.camel.component.calacs.CalacsEngine;
import org.camelcalacs.camel.component.crds.ReferenceNeeds;
import org.camelcalacs.core.acsrej.RejParams;
import org.camelcalacs.core.calacs.CalAcsResult;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.model.Detector;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.SwitchValue;

/**
 * A stand-in for the calib-core driver while the stages are being written: it does the validation a real run does
 * before any arithmetic (the FITS layer reads every array, INSTRUME/DETECTOR, switch values, the existence and
 * confinement of the references of PERFORM steps) and then writes a tiny flt (and an association product), a
 * trailer and a temporary that must never reach products/. Optionally slow, and logging start/end lines to a file
 * (for the crash test).
 */
public class ValidatingFakeEngine implements CalacsEngine {
    private final long sleepMs;
    private final Path log;

    public ValidatingFakeEngine() {
        this(0, null);
    }

    public ValidatingFakeEngine(long sleepMs, Path log) {
        this.sleepMs = sleepMs;
        this.log = log;
    }

    private void log(String line) {
        if (log != null) {
            try {
                Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public CalAcsResult calacs(String input, RunContext ctx) {
        Path in = Path.of(input);
        String name = in.getFileName().toString();
        log("start " + name);
        List<Path> raws = new ArrayList<>();
        if (name.contains("_asn")) {
            for (AssociationTable.Member m : AssociationTable.read(in)) {
                if (m.isExposure() && m.present()) {
                    raws.add(in.resolveSibling(m.name() + "_raw.fits"));
                }
            }
        } else {
            raws.add(in);
        }
        List<Path> products = new ArrayList<>();
        List<Path> trailers = new ArrayList<>();
        Map<String, Map<String, String>> status = new LinkedHashMap<>();
        for (Path raw : raws) {
            Exposure e = AcsFits.read(raw);
            Header h = e.primary();
            String inst = h.getStringValue("INSTRUME");
            if (inst == null || !inst.trim().startsWith("ACS")) {
                throw (InvalidInputException) new InvalidInputException("not an ACS image (INSTRUME=" + inst + ")")
                        .inFile(raw.getFileName());
            }
            if (Detector.parse(h.getStringValue("DETECTOR")).isEmpty()) {
                throw (InvalidInputException) new InvalidInputException("unknown DETECTOR").inFile(raw.getFileName());
            }
            for (Switch s : Switch.values()) {
                SwitchValue.parse(s.keyword(), h.getStringValue(s.keyword()));
            }
            for (Map.Entry<String, String> r : ReferenceNeeds.of(h, true).entrySet()) {
                ctx.refs().require(r.getKey(), r.getValue()).getFileName();
            }
            if (sleepMs > 0) {
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            String root = raw.getFileName().toString().split("_")[0].toLowerCase(Locale.ROOT);
            Path out = ctx.options().outputDir();
            Header ph = new Header();
            ph.addValue("ROOTNAME", root, "");
            ph.addValue("DQICORR", "COMPLETE", "");
            AcsFits.write(new Exposure(out.resolve(root + "_blv_tmp.fits"), ph, List.of(Imset.blank(1, 3, 2))),
                    out.resolve(root + "_blv_tmp.fits"), true);
            Path flt = out.resolve(root + "_flt.fits");
            AcsFits.write(new Exposure(flt, ph, List.of(Imset.blank(1, 3, 2))), flt, ctx.options().overwrite());
            products.add(flt);
            Path tra = out.resolve(root + ".tra");
            try {
                Files.writeString(tra, "CALACS (fake) " + root + "\n");
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
            trailers.add(tra);
            status.put(flt.getFileName().toString(), Map.of("DQICORR", "COMPLETE"));
        }
        if (name.contains("_asn")) {
            String root = name.split("_")[0];
            Path sfl = ctx.options().outputDir().resolve(root + "_sfl.fits");
            AcsFits.write(new Exposure(sfl, new Header(), List.of(Imset.blank(1, 3, 2))), sfl, true);
            products.add(sfl);
        }
        log("end " + name);
        return new CalAcsResult(products, trailers, false, status, Map.of("fake", 1L));
    }

    @Override
    public Path ccd(Path input, RunContext ctx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Path cte(Path input, RunContext ctx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Path acs2d(Path input, Path output, RunContext ctx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Path rej(List<Path> inputs, Path output, RejParams params, RunContext ctx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Path sum(List<Path> inputs, Path output, RunContext ctx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Path forwardModel(Path input, RunContext ctx) {
        throw new UnsupportedOperationException();
    }
}
