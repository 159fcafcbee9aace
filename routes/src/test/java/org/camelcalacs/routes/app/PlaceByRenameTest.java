package org.camelcalacs.routes.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Products placed in the default products/ directory are moved, not copied, and replace an older product. */
class PlaceByRenameTest {
    @TempDir
    Path tmp;

    @Test
    void movesTheStagedFileOverAnOlderProductAndLeavesNoTemporary() throws Exception {
        Path staging = Files.createDirectories(tmp.resolve(".staging/x"));
        Path products = Files.createDirectories(tmp.resolve("products"));
        Files.writeString(products.resolve("j1_flt.fits"), "old product");
        Path staged = Files.writeString(staging.resolve("j1_flt.fits"), "new product");
        Object key = Files.readAttributes(staged, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        CalibrationProcessor.placeByRename(staged, products);

        Path placed = products.resolve("j1_flt.fits");
        assertThat(Files.readString(placed)).isEqualTo("new product");
        assertThat(staged).doesNotExist();
        // the same inode: a rename, not a copy
        assertThat(Files.readAttributes(placed, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .isEqualTo(key);
        assertThat(TestFiles.names(products)).containsExactly("j1_flt.fits");
    }
}
