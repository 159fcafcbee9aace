package org.camelcalacs.core.error;

/** Two arrays (science and reference, or several inputs) do not have compatible sizes. */
public class SizeMismatchException extends CalacsException {
    private static final long serialVersionUID = 1L;

    public SizeMismatchException(String message) {
        super(message);
    }

    public SizeMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
