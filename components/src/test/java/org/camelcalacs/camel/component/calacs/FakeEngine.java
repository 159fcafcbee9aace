package org.camelcalacs.camel.component.calacs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nom.tam.fits.Header;
import org.camelcalacs.core.acsrej.RejParams;
import org.camelcalacs.core.calacs.CalAcsResult;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Imset;

/** Records every call and writes a tiny real FITS product whose switches say what "ran". */
public class FakeEngine implements CalacsEngine {
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    public final List<RunContext> contexts = Collections.synchronizedList(new ArrayList<>());
    public RuntimeException failWith;

    private Path write(String op, Path input, String suffix, RunContext ctx) {
        calls.add(op + ":" + input.getFileName());
        contexts.add(ctx);
        if (failWith != null) {
            throw failWith;
        }
        String root = input.getFileName().toString().split("_")[0];
        Path out = ctx.options().outputDir().resolve(root + suffix);
        Header h = new Header();
        h.addValue("DQICORR", "COMPLETE", "");
        h.addValue("DARKCORR", "COMPLETE", "");
        h.addValue("FLATCORR", "SKIPPED", "");
        h.addValue("PCTECORR", "OMIT", "");
        AcsFits.write(new Exposure(out, h, List.of(Imset.blank(1, 4, 3))), out, ctx.options().overwrite());
        return out;
    }

    @Override
    public Path ccd(Path input, RunContext ctx) {
        return write("ccd", input, "_blv_tmp.fits", ctx);
    }

    @Override
    public Path cte(Path input, RunContext ctx) {
        // the real CTE stage reports each amp as it finishes
        ctx.progress("ACSCTE", "PCTECORR", "amp A of chip 1 done", 0.5);
        ctx.progress("ACSCTE", "PCTECORR", "amp B of chip 1 done", 1.0);
        return write("cte", input, "_blc_tmp.fits", ctx);
    }

    @Override
    public Path acs2d(Path input, Path output, RunContext ctx) {
        return output != null ? write("2d", input, "_" + output.getFileName(), ctx) : write("2d", input, "_flt.fits", ctx);
    }

    @Override
    public Path rej(List<Path> inputs, Path output, RejParams params, RunContext ctx) {
        calls.add("rej-inputs:" + inputs.size());
        return write("rej", inputs.get(0), "_crj.fits", ctx);
    }

    @Override
    public Path sum(List<Path> inputs, Path output, RunContext ctx) {
        calls.add("sum-inputs:" + inputs.size());
        return write("sum", inputs.get(0), "_sfl.fits", ctx);
    }

    @Override
    public Path forwardModel(Path input, RunContext ctx) {
        return write("forward-model", input, "_ctefmod.fits", ctx);
    }

    @Override
    public CalAcsResult calacs(String input, RunContext ctx) {
        Path flt = write("calacs", Path.of(input), "_flt.fits", ctx);
        Map<String, Map<String, String>> st = new LinkedHashMap<>();
        st.put(flt.getFileName().toString(), Map.of("DQICORR", "COMPLETE", "SHADCORR", "OMIT", "FLATCORR", "SKIPPED"));
        return new CalAcsResult(List.of(flt), List.of(), false, st, Map.of("ACS2D " + flt.getFileName(), 12L));
    }
}
