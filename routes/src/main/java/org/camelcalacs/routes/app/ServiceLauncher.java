package org.camelcalacs.routes.app;

/** Starts the drop-folder service (bin/camel-calacs run / demo). Placeholder until the service lands. */
public final class ServiceLauncher {
    private ServiceLauncher() {
    }

    /**
     * Runs the service in the foreground with the given arguments ({@code --work DIR --jref DIR --port N --demo}).
     *
     * @return the process exit status
     */
    public static int run(String[] args) {
        System.err.println("camel-calacs: the service is not implemented yet");
        return 2;
    }
}
