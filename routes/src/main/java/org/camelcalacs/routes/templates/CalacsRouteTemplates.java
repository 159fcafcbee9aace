package org.camelcalacs.routes.templates;

import org.apache.camel.builder.RouteBuilder;

/**
 * Route templates for building calibration flows from Java or YAML ({@code templatedRoute} with
 * {@code routeTemplateRef}). See config/routes/*.camel.yaml for YAML use.
 * <ul>
 * <li>{@code calacs-drop-folder}: calibrate every raw or association written into {@code inbox} with
 * {@code calacs:<stage>}, products to {@code outputDir}; inputs move to {@code inbox/.done} or
 * {@code inbox/.failed}.</li>
 * <li>{@code calacs-stage}: {@code direct:<name>} → {@code calacs:<stage>} → {@code next}, for chaining stages
 * by hand (e.g. ccd → cte → 2d).</li>
 * <li>{@code crds-prefetch}: on a Quartz schedule, fetch a list of reference files into a CRDS cache.</li>
 * </ul>
 */
public class CalacsRouteTemplates extends RouteBuilder {

    @Override
    public void configure() {
        routeTemplate("calacs-drop-folder")
                .templateParameter("inbox", null, "directory to watch (write files as .name, then rename)")
                .templateParameter("outputDir", null, "directory for products")
                .templateParameter("stage", "calacs", "calacs stage: calacs, ccd, cte, 2d, forward-model")
                .templateParameter("jref", "", "reference directory (empty: the component's default)")
                .from("file:{{inbox}}?include=.*_(raw|asn)\\.fits&readLock=changed&readLockMarkerFile=false"
                        + "&readLockMinAge=500&move=.done/${file:name}&moveFailed=.failed/${file:name}")
                .setBody(header("CamelFileAbsolutePath"))
                .to("calacs:{{stage}}?outputDir={{outputDir}}&overwrite=true&jref={{jref}}")
                .log("calibrated ${header.CamelFileName}: ${header.CamelCalacsProducts}");

        routeTemplate("calacs-stage")
                .templateParameter("name", null, "name of the direct: endpoint that starts the route")
                .templateParameter("stage", null, "calacs stage")
                .templateParameter("next", "log:calacs-stage", "where the result (body = product) goes")
                .from("direct:{{name}}")
                .to("calacs:{{stage}}")
                .to("{{next}}");

        routeTemplate("crds-prefetch")
                .templateParameter("id", "prefetch", "job name (unique per use)")
                .templateParameter("cron", "0 0 3 * * ?", "Quartz cron (seconds first)")
                .templateParameter("names", null, "comma-separated reference file names")
                .templateParameter("cachePath", null, "CRDS_PATH")
                .templateParameter("server", "", "CRDS-compatible server URL")
                .from("quartz://calacs/{{id}}?cron={{cron}}")
                .setBody(constant("{{names}}"))
                .to("crds:prefetch?cachePath={{cachePath}}&server={{server}}&strict=false")
                .log("prefetch: downloaded ${header.CamelCrdsDownloaded}, missing ${header.CamelCrdsMissing}");
    }
}
