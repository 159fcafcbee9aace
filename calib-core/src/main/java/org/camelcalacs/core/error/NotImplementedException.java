package org.camelcalacs.core.error;

/** A stage or feature that camel-calacs does not implement yet; never a silent success. */
public class NotImplementedException extends CalacsException {
    private static final long serialVersionUID = 1L;

    public NotImplementedException(String message) {
        super(message);
    }

    public NotImplementedException(String message, Throwable cause) {
        super(message, cause);
    }
}
