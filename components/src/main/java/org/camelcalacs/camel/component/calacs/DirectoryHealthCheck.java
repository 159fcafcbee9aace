package org.camelcalacs.camel.component.calacs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a directory the service depends on (inbox, products, reference cache): DOWN when it is missing
 * or not writable, so /observe/health tells an operator why nothing is being calibrated.
 */
public class DirectoryHealthCheck extends AbstractHealthCheck {
    private final Path dir;

    public DirectoryHealthCheck(String id, Path dir) {
        super("calacs", id);
        this.dir = dir;
    }

    /** Registers checks for named directories in the context's health registry (no-op without camel-health). */
    public static void register(CamelContext context, Map<String, Path> dirs) {
        HealthCheckRegistry reg = HealthCheckHelper.getHealthCheckRegistry(context);
        if (reg == null) {
            return;
        }
        dirs.forEach((id, p) -> {
            DirectoryHealthCheck c = new DirectoryHealthCheck(id, p);
            c.setCamelContext(context);
            reg.register(c);
        });
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("directory", dir.toString());
        if (!Files.isDirectory(dir)) {
            builder.message("directory " + dir + " does not exist").down();
        } else if (!Files.isWritable(dir)) {
            builder.message("directory " + dir + " is not writable").down();
        } else {
            builder.up();
        }
    }
}
