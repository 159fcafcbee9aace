package org.camelcalacs.routes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.camelcalacs.camel.component.calacs.AssociationTable;
import org.camelcalacs.camel.component.calacs.CalacsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles a failed input: sends {@code <input name>.error.txt} to the failure endpoint, moves association members
 * along with their table, counts the failure by reason, and points the file consumer at failed/ for the input.
 */
public class FailureProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(FailureProcessor.class);

    /** Header on failure messages: the report's name, {@code <input name>.error.txt} (survives jms: too). */
    public static final String REPORT_NAME = "CalacsReportName";
    /** Header on failure messages: the failure category ({@code invalid-input}, {@code missing-reference}, ...). */
    public static final String CATEGORY = "CalacsFailureCategory";

    private final ServiceSettings settings;

    public FailureProcessor(ServiceSettings settings) {
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Path input = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
        String name = input.getFileName().toString();
        WorkDirs dirs = settings.dirs();
        List<Path> members = new ArrayList<>();
        if (InputKind.of(name) == InputKind.ASN) {
            try {
                for (AssociationTable.Member m : AssociationTable.read(input)) {
                    if (m.isExposure()) {
                        AssociationTable.rawOf(input.getParent(), m).ifPresent(members::add);
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("cannot list the members of {}: {}", name, e.toString());
            }
        }
        String report = FailureReport.build(input, error, members, settings.jref());
        String category = FailureReport.category(error);
        Exchange sent = settings.template().send(settings.failureUri(), e -> {
            e.getIn().setBody(report);
            e.getIn().setHeader(Exchange.FILE_NAME, name + ".error.txt");
            e.getIn().setHeader(REPORT_NAME, name + ".error.txt");
            e.getIn().setHeader(CalibrationProcessor.INPUT_NAME, name);
            e.getIn().setHeader(CATEGORY, category);
        });
        if (sent.getException() != null) {
            LOG.error("cannot write the failure report of {}: {}", name, sent.getException().toString());
        }
        for (Path m : members) {
            Files.move(m, dirs.failed().resolve(m.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        CalacsMetrics.of(exchange.getContext()).failed(category);
        exchange.setProperty(CalibrationProcessor.DESTINATION, dirs.failed().toString());
        CalibrationProcessor.deleteTree(exchange.getProperty(CalibrationProcessor.STAGING, String.class) == null ? null
                : Path.of(exchange.getProperty(CalibrationProcessor.STAGING, String.class)));
        LOG.warn("{} failed ({}): {}; moved to {} with {}.error.txt", name, category,
                FailureReport.parse(report).get("error"), dirs.failed(), name);
    }
}
