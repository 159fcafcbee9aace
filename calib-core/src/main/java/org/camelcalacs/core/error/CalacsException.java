package org.camelcalacs.core.error;

/**
 * Root of calib-core's unchecked exception hierarchy. Unlike hstcal's global status codes it carries
 * the context a user needs to act: the file, the HDU (EXTNAME,EXTVER), the keyword, the stage and the step.
 * Context that is not known where the exception is thrown can be added by callers further up
 * ({@link #inFile}, {@link #inStage}, ...) before it reaches the CLI or a Camel route.
 */
public class CalacsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private String file;
    private String hdu;
    private String keyword;
    private String stage;
    private String step;

    public CalacsException(String message) {
        super(message);
    }

    public CalacsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Records the file if no file was recorded yet. */
    public CalacsException inFile(Object file) {
        if (this.file == null && file != null) {
            this.file = file.toString();
        }
        return this;
    }

    public CalacsException inHdu(String hdu) {
        if (this.hdu == null) {
            this.hdu = hdu;
        }
        return this;
    }

    public CalacsException forKeyword(String keyword) {
        if (this.keyword == null) {
            this.keyword = keyword;
        }
        return this;
    }

    public CalacsException inStage(String stage) {
        if (this.stage == null) {
            this.stage = stage;
        }
        return this;
    }

    public CalacsException inStep(String step) {
        if (this.step == null) {
            this.step = step;
        }
        return this;
    }

    public String file() {
        return file;
    }

    public String hdu() {
        return hdu;
    }

    public String keyword() {
        return keyword;
    }

    public String stage() {
        return stage;
    }

    public String step() {
        return step;
    }

    /** The bare message without context. */
    public String reason() {
        return super.getMessage();
    }

    /** The message with every known piece of context, e.g. {@code "x_raw.fits[SCI,1] keyword CCDCHIP: ..."} */
    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (hdu != null) {
                sb.append('[').append(hdu).append(']');
            }
            sb.append(": ");
        } else if (hdu != null) {
            sb.append('[').append(hdu).append("]: ");
        }
        if (keyword != null) {
            sb.append("keyword ").append(keyword).append(": ");
        }
        sb.append(super.getMessage());
        if (stage != null || step != null) {
            sb.append(" (");
            if (stage != null) {
                sb.append("stage ").append(stage);
            }
            if (step != null) {
                sb.append(stage != null ? ", " : "").append("step ").append(step);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
