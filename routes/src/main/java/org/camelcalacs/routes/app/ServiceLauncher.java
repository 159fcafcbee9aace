package org.camelcalacs.routes.app;

import java.io.PrintStream;

/**
 * Entry point of {@code bin/camel-calacs run}: starts the drop-folder service in the foreground with embedded
 * defaults and prints where to drop files and where the metrics are.
 */
public final class ServiceLauncher {
    private ServiceLauncher() {
    }

    /**
     * Runs the service in the foreground ({@code --work DIR --jref DIR --port N --demo --config FILE
     * --crds-server URL --prop k=v}); returns when the JVM is asked to stop.
     *
     * @return the process exit status: 0 after a normal stop, 2 for bad options, 1 if the service failed
     */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        ServiceOptions options;
        try {
            options = ServiceOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("camel-calacs run: " + e.getMessage());
            err.print(ServiceOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(ServiceOptions.USAGE);
            return 0;
        }
        try {
            new CalacsService(options, out).runBlocking();
            return 0;
        } catch (IllegalStateException e) {
            err.println("camel-calacs run: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("camel-calacs run: the service failed: " + e.getMessage());
            return 1;
        }
    }
}
