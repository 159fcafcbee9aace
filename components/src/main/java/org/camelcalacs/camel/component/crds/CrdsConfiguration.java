package org.camelcalacs.camel.component.crds;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of the {@code crds:} component and its endpoints. */
@UriParams
public class CrdsConfiguration implements Cloneable {
    @UriParam(label = "common")
    private String server;
    @UriParam(label = "common")
    private String cachePath;
    @UriParam(label = "advanced", defaultValue = "10000")
    private int connectTimeout = 10000;
    @UriParam(label = "advanced", defaultValue = "60000")
    private int readTimeout = 60000;
    @UriParam(label = "advanced", defaultValue = "4")
    private int maxAttempts = 4;
    @UriParam(label = "advanced", defaultValue = "500")
    private long backoff = 500;
    @UriParam(label = "advanced", defaultValue = "30000")
    private long maxBackoff = 30000;
    @UriParam(label = "producer", defaultValue = "true")
    private boolean onlyNeeded = true;
    @UriParam(label = "producer", defaultValue = "true")
    private boolean strict = true;

    public String getServer() {
        return server;
    }

    /**
     * Base URL of a CRDS-compatible server (files are fetched from {@code <server>/unchecked_get/references/hst/<name>}).
     * Empty: offline, only the local cache is used.
     */
    public void setServer(String server) {
        this.server = server;
    }

    public String getCachePath() {
        return cachePath;
    }

    /** CRDS_PATH: the cache root; references live in {@code <cachePath>/references/hst/acs/}. */
    public void setCachePath(String cachePath) {
        this.cachePath = cachePath;
    }

    public int getConnectTimeout() {
        return connectTimeout;
    }

    /** Connect timeout in milliseconds. */
    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getReadTimeout() {
        return readTimeout;
    }

    /** Timeout in milliseconds for each read from the server (a stalled transfer fails). */
    public void setReadTimeout(int readTimeout) {
        this.readTimeout = readTimeout;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** Download attempts per file before giving up (a 404 is not retried). */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public long getBackoff() {
        return backoff;
    }

    /** First retry delay in milliseconds; doubled on each retry. */
    public void setBackoff(long backoff) {
        this.backoff = backoff;
    }

    public long getMaxBackoff() {
        return maxBackoff;
    }

    /** Longest retry delay in milliseconds. */
    public void setMaxBackoff(long maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public boolean isOnlyNeeded() {
        return onlyNeeded;
    }

    /** For resolve: only the references of steps set to PERFORM (false: every reference named in the header). */
    public void setOnlyNeeded(boolean onlyNeeded) {
        this.onlyNeeded = onlyNeeded;
    }

    public boolean isStrict() {
        return strict;
    }

    /** For resolve and prefetch: fail when a reference cannot be obtained (false: list it in CamelCrdsMissing). */
    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    public CrdsConfiguration copy() {
        try {
            return (CrdsConfiguration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
