package org.camelcalacs.core.error;

/** A required header keyword is missing or has the wrong type. */
public class KeywordMissingException extends CalacsException {
    private static final long serialVersionUID = 1L;

    public KeywordMissingException(String message) {
        super(message);
    }

    public KeywordMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
