package org.camelcalacs.routes.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.camelcalacs.camel.component.crds.CrdsCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up sweep after an unclean stop (kill -9, power loss): removes the service's own leftovers (staging areas,
 * half-written products, reports and downloads under hidden temporary names) and completes interrupted retries.
 * Inputs are never touched: an input still in the inbox is simply calibrated again.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    /** Temporary prefix of the product and failure endpoints (tempPrefix). */
    public static final String WRITING_PREFIX = ".writing-";

    private Recovery() {
    }

    /** Returns the number of leftovers removed or completed. */
    public static int sweep(WorkDirs dirs) {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dirs.staging())) {
            for (Path p : ds) {
                CalibrationProcessor.deleteTree(p);
                n++;
            }
        } catch (IOException e) {
            LOG.warn("cannot clean {}: {}", dirs.staging(), e.toString());
        }
        n += deleteMatching(dirs.products(), WRITING_PREFIX + "*");
        n += deleteMatching(dirs.failed(), WRITING_PREFIX + "*");
        n += deleteMatching(dirs.cacheJref(), CrdsCache.PART_PREFIX + "*");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dirs.inbox(), RetryProcessor.TEMP_PREFIX + "*")) {
            for (Path p : ds) {
                String name = p.getFileName().toString().substring(RetryProcessor.TEMP_PREFIX.length());
                Files.move(p, dirs.inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                n++;
            }
        } catch (IOException e) {
            LOG.warn("cannot complete retries in {}: {}", dirs.inbox(), e.toString());
        }
        if (n > 0) {
            LOG.info("start-up recovery: cleaned or completed {} leftovers of an earlier run", n);
        }
        return n;
    }

    private static int deleteMatching(Path dir, String glob) {
        int n = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
                n++;
            }
        } catch (IOException e) {
            LOG.warn("cannot clean {}: {}", dir, e.toString());
        }
        return n;
    }
}
