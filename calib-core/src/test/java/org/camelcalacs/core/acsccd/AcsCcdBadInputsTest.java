package org.camelcalacs.core.acsccd;

import org.camelcalacs.core.golden.GoldenCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.camelcalacs.core.error.CalacsException;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** acsccd.e on the corpus's invalid inputs (golden/bad-inputs): a clear calib-core error and no _blv_tmp. */
class AcsCcdBadInputsTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jbad01trq_raw.fits|truncated",
        "jbad03mrq_raw.fits|BIASFILE = jref$missing_bia.fits",
        "jbad05hgq_raw.fits|",
        "jbad06swq_raw.fits|DQICORR = MAYBE is invalid",
        "jbad07nfq_raw.fits|",
        "jbad08brq_raw.fits|CCDAMP = 'FOOB' is invalid. Must be in 'ABCD'",
        "j8btyyy_raw_bad.fits|DETECTOR = MIRIFULONG is invalid"})
    void refusedWithoutProduct(String file, String message) throws Exception {
        Path dir = GoldenCcd.ROOT.resolve("bad-inputs/inputs");
        GoldenCase.assumeCorpus(Files.isDirectory(dir), "bad-inputs corpus not found at " + dir);
        Path ref = Files.createDirectories(work.resolve("ref"));
        try (Stream<Path> s = Files.list(dir.resolve("ref"))) {
            for (Path p : s.toList()) {
                gunzip(p, ref);
            }
        }
        gunzip(dir.resolve(file + ".gz"), work);
        Path in = work.resolve(file);
        var t = assertThatThrownBy(() -> AcsCcd.run(in, GoldenCcd.context(work, false)))
                .isInstanceOf(CalacsException.class)
                .satisfies(e -> System.out.println("bad input " + file + ": " + e.getMessage()));
        if (message != null && !message.isEmpty()) {
            t.hasMessageContaining(message);
        }
        try (Stream<Path> s = Files.list(work)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("_blv_tmp"));
        }
    }

    private static void gunzip(Path gz, Path dir) throws Exception {
        String n = gz.getFileName().toString();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, dir.resolve(n.substring(0, n.length() - 3)), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
