package org.camelcalacs.routes.app;

import java.nio.file.Path;

import org.apache.camel.ProducerTemplate;

/**
 * What the service routes need at run time, resolved once from the properties.
 *
 * @param dirs         the work directories
 * @param jref         reference directory given to the stages
 * @param useCrds      true when {@code jref} is the CRDS cache (missing references are then resolved through crds:)
 * @param crdsUri      the crds: endpoint that resolves an exposure's references
 * @param calacsUri    the calacs: endpoint that calibrates one input
 * @param productsUri  where products and trailers are sent (atomic placement)
 * @param failureUri   where failure reports are sent
 * @param asnTimeoutMs how long an association waits for its members
 * @param template     producer template of the context
 */
public record ServiceSettings(WorkDirs dirs, Path jref, boolean useCrds, String crdsUri, String calacsUri,
                              String productsUri, String failureUri, long asnTimeoutMs, ProducerTemplate template) {
}
