package org.camelcalacs.core.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camelcalacs.core.error.ReferenceFileException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reference names from headers: prefixes, plain paths, N/A, and the confinement hstcal does not have. */
class RefResolverTest {
    @TempDir
    Path tmp;
    Path jref;
    Path work;
    Path outside;
    RefResolver r;

    @BeforeEach
    void setUp() throws IOException {
        jref = Files.createDirectories(tmp.resolve("refs"));
        work = Files.createDirectories(tmp.resolve("work"));
        outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(jref.resolve("syn_bia.fits"), "x");
        Files.writeString(outside.resolve("other_drk.fits"), "x");
        r = RefResolver.fromEnvironment(Map.of("jref", jref + "/"), work, List.of());
    }

    @Test
    void prefixForms() {
        Path expected = jref.resolve("syn_bia.fits");
        assertThat(r.resolve("BIASFILE", "jref$syn_bia.fits")).contains(expected);
        assertThat(r.resolve("BIASFILE", "$jref/syn_bia.fits")).contains(expected);
        assertThat(r.resolve("BIASFILE", "  jref$syn_bia.fits  ")).contains(expected);
        // the prefix is matched as given, then in lower case (JREF$ in a header finds jref)
        assertThat(r.resolve("BIASFILE", "JREF$syn_bia.fits")).contains(expected);
        assertThat(r.require("BIASFILE", "jref$syn_bia.fits")).isEqualTo(expected);
    }

    @Test
    void upperCaseEnvironmentVariableWorksToo() {
        RefResolver u = RefResolver.fromEnvironment(Map.of("JREF", jref.toString()), work, List.of());
        assertThat(u.resolve("BIASFILE", "jref$syn_bia.fits")).contains(jref.resolve("syn_bia.fits"));
    }

    @Test
    void noneMeansNoFile() {
        assertThat(r.resolve("FLSHFILE", "N/A")).isEmpty();
        assertThat(r.resolve("FLSHFILE", "n/a ")).isEmpty();
        assertThat(r.resolve("FLSHFILE", "")).isEmpty();
        assertThat(r.resolve("FLSHFILE", null)).isEmpty();
        assertThatThrownBy(() -> r.require("FLSHFILE", "N/A")).isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("FLSHFILE");
    }

    @Test
    void plainPaths() throws IOException {
        Files.writeString(work.resolve("local_bia.fits"), "x");
        assertThat(r.resolve("BIASFILE", "local_bia.fits")).contains(work.resolve("local_bia.fits"));
        assertThat(r.resolve("BIASFILE", work.resolve("local_bia.fits").toString())).contains(work.resolve("local_bia.fits"));
        // an absolute path inside the reference directory is fine
        assertThat(r.resolve("BIASFILE", jref.resolve("syn_bia.fits").toString())).contains(jref.resolve("syn_bia.fits"));
    }

    @Test
    void escapingTheReferenceDirectoryIsRefused() {
        assertThatThrownBy(() -> r.resolve("DARKFILE", "jref$../../../../../etc/passwd"))
                .isInstanceOf(ReferenceFileException.class).hasMessageContaining("DARKFILE")
                .hasMessageContaining("escapes");
        assertThatThrownBy(() -> r.resolve("DARKFILE", "jref$../elsewhere/other_drk.fits"))
                .isInstanceOf(ReferenceFileException.class);
        assertThatThrownBy(() -> r.resolve("DARKFILE", "jref$/etc/passwd"))
                .isInstanceOf(ReferenceFileException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> r.resolve("DARKFILE", "../elsewhere/other_drk.fits"))
                .isInstanceOf(ReferenceFileException.class).hasMessageContaining("outside");
        // a "..", that stays inside, is harmless
        assertThat(r.resolve("BIASFILE", "jref$sub/../syn_bia.fits")).contains(jref.resolve("syn_bia.fits"));
    }

    @Test
    void absolutePathOutsideIsRefusedUnlessAllowed() {
        String abs = outside.resolve("other_drk.fits").toString();
        assertThatThrownBy(() -> r.resolve("DARKFILE", abs)).isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("DARKFILE").hasMessageContaining(abs);
        assertThatThrownBy(() -> r.resolve("DARKFILE", "/etc/passwd")).isInstanceOf(ReferenceFileException.class);
        RefResolver allowing = RefResolver.fromEnvironment(Map.of("jref", jref.toString()), work, List.of(outside));
        assertThat(allowing.require("DARKFILE", abs)).isEqualTo(outside.resolve("other_drk.fits"));
    }

    @Test
    void unknownPrefixNamesTheVariable() {
        assertThatThrownBy(() -> r.resolve("CRREJTAB", "mref$x_crr.fits")).isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("CRREJTAB").hasMessageContaining("mref");
        RefResolver none = RefResolver.fromEnvironment(Map.of(), work, List.of());
        assertThatThrownBy(() -> none.resolve("BIASFILE", "jref$syn_bia.fits"))
                .isInstanceOf(ReferenceFileException.class).hasMessageContaining("jref");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> r.require("BIASFILE", "jref$missing_bia.fits"))
                .isInstanceOf(ReferenceFileException.class).hasMessageContaining("BIASFILE")
                .hasMessageContaining("missing_bia.fits").hasMessageContaining("not found");
        // a directory is not a reference file
        assertThatThrownBy(() -> r.require("BIASFILE", "$jref")).isInstanceOf(ReferenceFileException.class);
    }

    @Test
    void controlCharactersAreAReferenceErrorNotACrash() {
        assertThatThrownBy(() -> r.resolve("BIASFILE", "jref$bad\u0000name.fits"))
                .isInstanceOf(ReferenceFileException.class).hasMessageContaining("BIASFILE")
                .hasMessageContaining("control characters");
    }

    @Test
    void resolveDoesNotTouchTheFileSystem() {
        Optional<Path> p = r.resolve("BIASFILE", "jref$not_there_yet.fits");
        assertThat(p).contains(jref.resolve("not_there_yet.fits"));
    }
}
