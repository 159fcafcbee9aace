package org.camelcalacs.core.calacs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a calacs run produced.
 *
 * @param products    products written (flt, flc, crj, crc, sfl), in order
 * @param trailers    trailer files written
 * @param nothingToDo true when calacs "did NOT process" (exit status 0 nonetheless)
 * @param stepStatus  per exposure/product, the final switch values ("DQICORR" → "COMPLETE" ...)
 * @param timingsMs   per stage or step, wall time in milliseconds
 */
public record CalAcsResult(List<Path> products, List<Path> trailers, boolean nothingToDo,
                           Map<String, Map<String, String>> stepStatus, Map<String, Long> timingsMs) {
}
