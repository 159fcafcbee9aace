package org.camelcalacs.core.model;

/** The calibration switch keywords of an ACS primary header (spec §2.3). */
public enum Switch {
    DQICORR, ATODCORR, BLEVCORR, BIASCORR, FLSHCORR, CRCORR, RPTCORR, EXPSCORR, SHADCORR, PCTECORR,
    DARKCORR, FLATCORR, PHOTCORR, SINKCORR, GLINCORR, LFLGCORR;

    /** The header keyword (same as the constant name). */
    public String keyword() {
        return name();
    }
}
