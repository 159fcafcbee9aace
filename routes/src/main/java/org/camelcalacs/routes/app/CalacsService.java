package org.camelcalacs.routes.app;

import java.io.PrintStream;
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
    private java.nio.channels.FileChannel lockChannel;
    private java.nio.channels.FileLock lock;

    public CalacsService(ServiceOptions options, PrintStream console) {
        this.options = options;
        this.console = console;
        this.dirs = WorkDirs.under(options.work());
        // the first location that defines a key wins: user files (last given first), then the embedded defaults
        StringBuilder locations = new StringBuilder();
        for (int i = options.configs().size() - 1; i >= 0; i--) {
            locations.append("file:").append(options.configs().get(i)).append(',');
        }
        locations.append("classpath:calacs-service.properties");
        main.setPropertyPlaceholderLocations(locations.toString());
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
        prepare();
        try {
            main.run();
        } finally {
            unlock();
        }
    }

    /**
     * Claims the work directory (one service per inbox: a second one would take the same files) and checks the
     * management port, then removes leftovers of an earlier run. The lock is an OS file lock, so it disappears
     * with the process, even after kill -9.
     */
    private void prepare() throws java.io.IOException {
        dirs.create();
        lockChannel = java.nio.channels.FileChannel.open(dirs.work().resolve(".service.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("another camel-calacs service is already using " + dirs.work()
                    + " (one service per work directory)");
        }
        checkPort();
        Recovery.sweep(dirs);
    }

    private void checkPort() {
        if (options.port() == 0 || "false".equalsIgnoreCase(options.props().get("camel.management.enabled"))) {
            return;
        }
        String host = options.props().getOrDefault("camel.management.host", "127.0.0.1");
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(host, options.port()));
        } catch (java.io.IOException e) {
            unlock();
            throw new IllegalStateException("port " + options.port() + " on " + host + " is in use (another service?);"
                    + " choose another one with --port N (0 = any free port)");
        }
    }

    private void unlock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (java.io.IOException e) {
            LOG.debug("cannot release the work directory lock: {}", e.toString());
        }
        lock = null;
    }

    /** Starts in a background thread and waits until the routes run. */
    public void start(long timeoutMs) throws Exception {
        prepare();
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
        unlock();
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
}
