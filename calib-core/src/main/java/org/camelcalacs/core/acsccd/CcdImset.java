package org.camelcalacs.core.acsccd;

import org.camelcalacs.core.ref.table.CcdParameters;
import org.camelcalacs.core.ref.table.OverscanGeometry;

/**
 * What ACSCCD knows about one imset before calibrating it (GetACSGrp, GetCCDTab, FindOverscan): the chip, the
 * raw LTV offsets, the serious-DQ mask, the CCDTAB row and the OSCNTAB geometry.
 *
 * @param index    0-based position of the imset in the file
 * @param overscan true if an OSCNTAB row matched (the C "overscan" flag)
 */
public record CcdImset(int index, int extver, int chip, double ltv1, double ltv2, short sdqflags, int ncombine,
                       CcdParameters ccd, OverscanGeometry oscn, boolean overscan) {
}
