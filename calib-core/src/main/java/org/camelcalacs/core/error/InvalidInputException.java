package org.camelcalacs.core.error;

/** Input data that cannot be calibrated: truncated, lying or foreign FITS, wrong instrument, bad values. */
public class InvalidInputException extends CalacsException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
