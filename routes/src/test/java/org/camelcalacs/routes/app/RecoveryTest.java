package org.camelcalacs.routes.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.camelcalacs.camel.component.crds.CrdsCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up sweep removes only the service's own leftovers and completes interrupted retries. */
class RecoveryTest {
    @TempDir
    Path tmp;

    @Test
    void sweepRemovesLeftoversAndKeepsInputsAndProducts() throws Exception {
        WorkDirs d = WorkDirs.under(tmp);
        d.create();
        Files.createDirectories(d.staging().resolve("x_raw-123"));
        Files.writeString(d.staging().resolve("x_raw-123/x_blv_tmp.fits"), "partial");
        Files.writeString(d.products().resolve(Recovery.WRITING_PREFIX + "x_flt.fits"), "half a product");
        Files.writeString(d.products().resolve("y_flt.fits"), "a finished product");
        Files.writeString(d.failed().resolve(Recovery.WRITING_PREFIX + "z_raw.fits.error.txt"), "half a report");
        Files.writeString(d.cacheJref().resolve(CrdsCache.PART_PREFIX + "a_bia.fits-77"), "half a download");
        Files.writeString(d.inbox().resolve(RetryProcessor.TEMP_PREFIX + "r_raw.fits"), "a retried input");
        Files.writeString(d.inbox().resolve(".user_raw.fits"), "a user still writing");
        Files.writeString(d.inbox().resolve("w_raw.fits"), "an unfinished input");

        assertThat(Recovery.sweep(d)).isEqualTo(5);

        assertThat(TestFiles.names(d.staging())).isEmpty();
        assertThat(TestFiles.names(d.products())).containsExactly("y_flt.fits");
        assertThat(TestFiles.names(d.failed())).isEmpty();
        assertThat(TestFiles.names(d.cacheJref())).isEmpty();
        // the interrupted retry is completed; the user's hidden file and the unfinished input are untouched
        assertThat(TestFiles.names(d.inbox())).containsExactly(".user_raw.fits", "r_raw.fits", "w_raw.fits");
        assertThat(Recovery.sweep(d)).isZero();
    }

    @Test
    void failureCategoriesFollowTheExceptionTypes() {
        assertThat(FailureReport.category(new org.camelcalacs.core.error.ReferenceFileException(
                "reference file BIASFILE = x not found"))).isEqualTo("missing-reference");
        assertThat(FailureReport.category(new org.camelcalacs.core.error.ReferenceFileException(
                "no matching row in CCDTAB"))).isEqualTo("reference-error");
        assertThat(FailureReport.category(new RuntimeException("wrapped",
                new org.camelcalacs.core.error.InvalidInputException("truncated")))).isEqualTo("invalid-input");
        assertThat(FailureReport.category(new FailureReport.UnsupportedInputException("x"))).isEqualTo("unsupported-file");
        assertThat(FailureReport.category(new IllegalStateException("boom"))).isEqualTo("internal-error");
    }
}
