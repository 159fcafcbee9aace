package org.camelcalacs.routes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of {@code camel-calacs run}.
 *
 * @param work       --work DIR (default ./calacs-work)
 * @param jref       --jref DIR, else the environment variable jref, else null (the CRDS cache under work/refs)
 * @param port       --port N for /observe/health and /observe/metrics on 127.0.0.1 (default 8080; 0 = any free port)
 * @param demo       --demo: drop a synthetic exposure and its reference files into the inbox after start
 * @param configs    --config FILE[,FILE...] (later files win), else ./config/application.properties if present
 * @param crdsServer --crds-server URL (CRDS-compatible server to fill the cache from)
 * @param props      --prop key=value (repeatable): any property, highest precedence
 * @param help       -h / --help
 */
public record ServiceOptions(Path work, Path jref, int port, boolean demo, List<Path> configs, String crdsServer,
                             Map<String, String> props, boolean help) {

    public static final String USAGE = """
            Usage: camel-calacs run [--work DIR] [--jref DIR] [--port N] [--demo] [--config FILE]
                                    [--crds-server URL] [--prop key=value]...
              --work DIR         work directory holding inbox/ products/ done/ failed/ refs/ (default ./calacs-work)
              --jref DIR         reference files directory (default: env jref, else the CRDS cache in DIR/refs)
              --port N           port of /observe/health and /observe/metrics on 127.0.0.1 (default 8080, 0 = any)
              --demo             drop a small synthetic SBC exposure and its reference files into the inbox
              --config FILE[,F2] properties files, later ones win (default ./config/application.properties)
              --crds-server URL  CRDS-compatible server for missing reference files (default: offline)
              --prop key=value   set any property (calacs.*, camel.*), e.g. --prop calacs.asn.timeoutMs=60000
            """;

    public static ServiceOptions parse(String[] args, Map<String, String> env) {
        Path work = Path.of("calacs-work");
        Path jref = null;
        int port = 8080;
        boolean demo = false;
        List<Path> configs = new ArrayList<>();
        String server = null;
        boolean help = false;
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0 && !a.startsWith("--prop=")) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--work" -> work = Path.of(v != null ? v : next(args, ++i, a));
                case "--jref" -> jref = Path.of(v != null ? v : next(args, ++i, a));
                case "--port" -> {
                    String p = v != null ? v : next(args, ++i, a);
                    try {
                        port = Integer.parseInt(p);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port needs a number, not " + p);
                    }
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port must be 0..65535, not " + port);
                    }
                }
                case "--demo" -> demo = true;
                case "--config" -> {
                    for (String c : (v != null ? v : next(args, ++i, a)).split(",")) {
                        if (!c.isBlank()) {
                            configs.add(Path.of(c.trim()));
                        }
                    }
                }
                case "--crds-server" -> server = v != null ? v : next(args, ++i, a);
                case "--prop", "--prop=" -> {
                    String kv = a.equals("--prop=") ? "" : next(args, ++i, a);
                    int e = kv.indexOf('=');
                    if (e <= 0) {
                        throw new IllegalArgumentException("--prop needs key=value, not " + kv);
                    }
                    props.put(kv.substring(0, e).trim(), kv.substring(e + 1).trim());
                }
                case "-h", "--help" -> help = true;
                default -> {
                    if (a.startsWith("--prop=")) {
                        String kv = a.substring("--prop=".length());
                        int e = kv.indexOf('=');
                        if (e <= 0) {
                            throw new IllegalArgumentException("--prop needs key=value, not " + kv);
                        }
                        props.put(kv.substring(0, e).trim(), kv.substring(e + 1).trim());
                    } else {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                }
            }
        }
        if (jref == null) {
            String j = env.getOrDefault("jref", env.get("JREF"));
            if (j != null && !j.isBlank()) {
                jref = Path.of(j);
            }
        }
        if (configs.isEmpty() && Files.isRegularFile(Path.of("config", "application.properties"))) {
            configs.add(Path.of("config", "application.properties"));
        }
        List<Path> abs = new ArrayList<>();
        for (Path c : configs) {
            if (!Files.isRegularFile(c)) {
                throw new IllegalArgumentException("configuration file " + c + " not found");
            }
            abs.add(c.toAbsolutePath().normalize());
        }
        return new ServiceOptions(work.toAbsolutePath().normalize(), jref == null ? null : jref.toAbsolutePath().normalize(),
                port, demo, List.copyOf(abs), server, props, help);
    }

    private static String next(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args[i];
    }
}
