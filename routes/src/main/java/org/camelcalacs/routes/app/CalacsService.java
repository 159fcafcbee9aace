package org.camelcalacs.routes.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.camelcalacs.routes.templates.CalacsRouteTemplates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camel-main application behind {@code camel-calacs run}: embedded defaults
 * ({@code calacs-service.properties}), then the configuration file, then the command-line options. Runs in the
 * foreground ({@link #runBlocking}) or in the background for tests ({@link #start}, {@link #stop}).
 */
public class CalacsService {
    private static final Logger LOG = LoggerFactory.getLogger(CalacsService.class);

    private final ServiceOptions options;
    private final PrintStream console;
    private final Main main = new Main();
    private final CalacsServiceRoutes routes = new CalacsServiceRoutes();
    private final CountDownLatch started = new CountDownLatch(1);
    private final WorkDirs dirs;
    private Thread thread;
    private volatile Throwable failure;

    public CalacsService(ServiceOptions options, PrintStream console) {
        this.options = options;
        this.console = console;
        this.dirs = WorkDirs.under(options.work());
        String locations = "classpath:calacs-service.properties";
        for (Path c : options.configs()) {
            locations += ",file:" + c;
        }
        main.setPropertyPlaceholderLocations(locations);
        main.addOverrideProperty("calacs.work", dirs.work().toString());
        if (options.jref() != null) {
            main.addOverrideProperty("calacs.jref", options.jref().toString());
        }
        main.addOverrideProperty("camel.management.port", Integer.toString(options.port()));
        if (options.crdsServer() != null) {
            main.addOverrideProperty("calacs.crds.server", options.crdsServer());
        }
        for (Map.Entry<String, String> e : options.props().entrySet()) {
            main.addOverrideProperty(e.getKey(), e.getValue());
        }
        main.configure().addRoutesBuilder(routes);
        main.configure().addRoutesBuilder(new CalacsRouteTemplates());
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                routes.registerGauges();
                banner();
                if (options.demo()) {
                    try {
                        ServiceSettings s = routes.settings();
                        var names = DemoData.drop(s.dirs().inbox(), s.jref());
                        say("demo: dropped " + names + " into the inbox; watch " + s.dirs().products());
                    } catch (Exception e) {
                        LOG.error("cannot create the demo data: {}", e.toString());
                    }
                }
                started.countDown();
            }
        });
    }

    /** Binds a bean before start (tests bind a fake CalacsEngine this way; it is autowired by type). */
    public CalacsService bind(String name, Object bean) {
        main.bind(name, bean);
        return this;
    }

    public WorkDirs dirs() {
        return dirs;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Recovers leftovers of an earlier run, then runs until the JVM is asked to stop. */
    public void runBlocking() throws Exception {
        dirs.create();
        Recovery.sweep(dirs);
        main.run();
    }

    /** Starts in a background thread and waits until the routes run. */
    public void start(long timeoutMs) throws Exception {
        dirs.create();
        Recovery.sweep(dirs);
        thread = new Thread(() -> {
            try {
                main.run();
            } catch (Throwable t) {
                failure = t;
                started.countDown();
            }
        }, "calacs-service");
        thread.setDaemon(true);
        thread.start();
        if (!started.await(timeoutMs, TimeUnit.MILLISECONDS) || failure != null) {
            throw new IllegalStateException("the service did not start", failure);
        }
    }

    public void stop() throws InterruptedException {
        main.completed();
        if (thread != null) {
            thread.join(30_000);
        }
    }

    private void banner() {
        ServiceSettings s = routes.settings();
        String port = main.getCamelContext().resolvePropertyPlaceholders("{{camel.management.port}}");
        String host = main.getCamelContext().resolvePropertyPlaceholders("{{camel.management.host}}");
        say("camel-calacs service started (Camel " + main.getCamelContext().getVersion() + ")");
        say("  drop files into : " + s.dirs().inbox() + "   (*_raw.fits, *_asn.fits, also .gz;"
                + " write as .name then rename)");
        say("  products        : " + s.dirs().products());
        say("  processed inputs: " + s.dirs().done());
        say("  failures        : " + s.dirs().failed() + "   (<input>.error.txt says why)");
        say("  reference files : " + s.jref() + (s.useCrds() ? "   (CRDS cache"
                + (blank(options.crdsServer()) ? ", offline)" : ", server " + options.crdsServer() + ")") : ""));
        say("  configuration   : " + (options.configs().isEmpty() ? "embedded defaults"
                : "embedded defaults + " + options.configs()));
        if ("0".equals(port)) {
            say("  health, metrics : /observe/health, /observe/metrics on " + host + " (random port, see the log)");
        } else {
            say("  health          : http://" + host + ":" + port + "/observe/health");
            say("  metrics         : http://" + host + ":" + port + "/observe/metrics");
        }
        say("Stop with Ctrl-C.");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private void say(String s) {
        if (console != null) {
            console.println(s);
            console.flush();
        }
        LOG.debug(s);
    }

    static Path abs(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
