package org.camelcalacs.routes.app;

/**
 * A plain {@code main} for the service alone (containers, systemd units):
 * {@code java -cp camel-calacs.jar org.camelcalacs.routes.app.ServiceMain --work /data ...}; the same options as
 * {@code camel-calacs run}.
 */
public final class ServiceMain {
    private ServiceMain() {
    }

    public static void main(String[] args) {
        System.exit(ServiceLauncher.run(args));
    }
}
