package org.camelcalacs.camel.component.calacs;

import java.nio.file.Path;
import java.util.List;

import org.camelcalacs.core.acs2d.Acs2d;
import org.camelcalacs.core.acsccd.AcsCcd;
import org.camelcalacs.core.acscte.AcsCte;
import org.camelcalacs.core.acsrej.AcsRej;
import org.camelcalacs.core.acsrej.RejParams;
import org.camelcalacs.core.acssum.AcsSum;
import org.camelcalacs.core.calacs.CalAcs;
import org.camelcalacs.core.calacs.CalAcsResult;
import org.camelcalacs.core.calacs.RunContext;

/** The engine that runs the pure-Java CALACS stages of calib-core. Stateless and thread-safe. */
public class DefaultCalacsEngine implements CalacsEngine {

    @Override
    public Path ccd(Path input, RunContext ctx) {
        return AcsCcd.run(input, ctx);
    }

    @Override
    public Path cte(Path input, RunContext ctx) {
        return AcsCte.run(input, ctx);
    }

    @Override
    public Path acs2d(Path input, Path output, RunContext ctx) {
        return Acs2d.run(input, output, ctx);
    }

    @Override
    public Path rej(List<Path> inputs, Path output, RejParams params, RunContext ctx) {
        return AcsRej.run(inputs, output, params, ctx);
    }

    @Override
    public Path sum(List<Path> inputs, Path output, RunContext ctx) {
        return AcsSum.run(inputs, output, ctx);
    }

    @Override
    public Path forwardModel(Path input, RunContext ctx) {
        return AcsCte.forwardModel(input, ctx);
    }

    @Override
    public CalAcsResult calacs(String input, RunContext ctx) {
        return CalAcs.run(input, ctx);
    }
}
