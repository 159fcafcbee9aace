package org.camelcalacs.core.error;

/** An output file exists already and overwriting was not requested (hstio ckNewFile, status 1021). */
public class OutputExistsException extends CalacsException {
    private static final long serialVersionUID = 1L;

    public OutputExistsException(String message) {
        super(message);
    }

    public OutputExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
