package org.camelcalacs.core.error;

/** A reference file is missing, unsafe, unreadable, DUMMY where that is fatal, or has no matching row. */
public class ReferenceFileException extends CalacsException {
    private static final long serialVersionUID = 1L;

    public ReferenceFileException(String message) {
        super(message);
    }

    public ReferenceFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
