package org.camelcalacs.routes.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled retry: puts failed inputs whose cause was a missing reference file back into the inbox, once the
 * missing files are in the reference directory (or at every run when a CRDS server can supply them). Files are
 * moved in under a hidden name and renamed, the same contract as any other writer; the report is removed last, so
 * an interrupted retry is simply redone.
 */
public class RetryProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(RetryProcessor.class);
    /** Hidden name prefix used while moving a file back into the inbox. */
    public static final String TEMP_PREFIX = ".calacs-retry-";

    private final ServiceSettings settings;
    private final boolean serverAvailable;

    public RetryProcessor(ServiceSettings settings, boolean serverAvailable) {
        this.settings = settings;
        this.serverAvailable = serverAvailable;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        int n = retryNow();
        exchange.getIn().setBody(n);
    }

    /** Returns the number of inputs put back. */
    public int retryNow() throws IOException {
        WorkDirs dirs = settings.dirs();
        List<Path> reports = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dirs.failed(), "*.error.txt")) {
            ds.forEach(reports::add);
        }
        int n = 0;
        for (Path r : reports) {
            Map<String, String> m = FailureReport.parse(Files.readString(r, StandardCharsets.UTF_8));
            if (!FailureReport.MISSING_REFERENCE.equals(m.get(FailureReport.CATEGORY))) {
                continue;
            }
            String input = m.get("input");
            if (input == null || !Files.isRegularFile(dirs.failed().resolve(input))) {
                continue;
            }
            if (!serverAvailable && !nowAvailable(m.get(FailureReport.MISSING_FILES))) {
                continue;
            }
            List<String> files = new ArrayList<>();
            String members = m.get(FailureReport.MEMBERS);
            if (members != null && !members.isBlank()) {
                files.addAll(List.of(members.split(",")));
            }
            files.add(input); // the table or raw last, so an association finds its members
            for (String f : files) {
                Path src = dirs.failed().resolve(f.trim());
                if (Files.isRegularFile(src)) {
                    Path tmp = dirs.inbox().resolve(TEMP_PREFIX + src.getFileName());
                    Files.move(src, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(tmp, dirs.inbox().resolve(src.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.deleteIfExists(r);
            LOG.info("retrying {} (its missing reference may now be available)", input);
            n++;
        }
        return n;
    }

    private boolean nowAvailable(String missing) {
        if (missing == null || missing.isBlank()) {
            return false;
        }
        for (String f : missing.split(",")) {
            if (!Files.isRegularFile(settings.jref().resolve(f.trim()))) {
                return false;
            }
        }
        return true;
    }
}
