package org.camelcalacs.camel.component.calacs;

import java.nio.file.Path;
import java.util.List;

import org.camelcalacs.core.acsrej.RejParams;
import org.camelcalacs.core.calacs.CalAcsResult;
import org.camelcalacs.core.calacs.RunContext;

/**
 * The calibration engine behind the {@code calacs:} endpoints: one method per CALACS program, with the signatures
 * of calib-core's stage entry points. {@link DefaultCalacsEngine} calls calib-core; tests and special deployments
 * bind another implementation in the registry (it is autowired into the component).
 */
public interface CalacsEngine {

    /** acsccd.e; returns the _blv_tmp written. */
    Path ccd(Path input, RunContext ctx);

    /** acscte.e; returns the _blc_tmp written. */
    Path cte(Path input, RunContext ctx);

    /** acs2d.e; {@code output} may be null (name derived from the input). */
    Path acs2d(Path input, Path output, RunContext ctx);

    /** acsrej.e. */
    Path rej(List<Path> inputs, Path output, RejParams params, RunContext ctx);

    /** acssum.e; {@code output} may be null. */
    Path sum(List<Path> inputs, Path output, RunContext ctx);

    /** acscteforwardmodel.e. */
    Path forwardModel(Path input, RunContext ctx);

    /** calacs.e on a raw, an association table or a rootname. */
    CalAcsResult calacs(String input, RunContext ctx);
}
