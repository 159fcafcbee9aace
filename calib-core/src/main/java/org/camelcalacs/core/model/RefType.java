package org.camelcalacs.core.model;

/** Reference-file keywords of the primary header that calacs uses (spec §2.3, §3). */
public enum RefType {
    CCDTAB(true), OSCNTAB(true), BPIXTAB(true), ATODTAB(true), BIASFILE(false), SATUFILE(false), SNKCFILE(false),
    PCTETAB(false), DARKFILE(false), DRKCFILE(false), FLSHFILE(false), PFLTFILE(false), DFLTFILE(false),
    LFLTFILE(false), CFLTFILE(false), SPOTTAB(true), SHADFILE(false), CRREJTAB(true), IMPHTTAB(false), MLINTAB(true);

    private final boolean table;

    RefType(boolean table) {
        this.table = table;
    }

    /** The header keyword (same as the constant name). */
    public String keyword() {
        return name();
    }

    /** True for binary tables; false for images (IMPHTTAB and PCTETAB are multi-extension files read specially). */
    public boolean isTable() {
        return table;
    }
}
