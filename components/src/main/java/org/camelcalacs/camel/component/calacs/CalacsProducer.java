package org.camelcalacs.camel.component.calacs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import nom.tam.fits.Header;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.camelcalacs.core.acsrej.RejParams;
import org.camelcalacs.core.calacs.CalAcsResult;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.fits.FitsFile;
import org.camelcalacs.core.model.RefType;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.SwitchValue;
import org.camelcalacs.core.model.Verbosity;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the message (body = input file(s), headers = per-exchange options) to a {@link RunContext}, calls the
 * engine for the endpoint's stage and sets the result headers. It holds no science: that is calib-core's.
 */
public class CalacsProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(CalacsProducer.class);

    private CalacsMetrics metrics;

    public CalacsProducer(CalacsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public CalacsEndpoint getEndpoint() {
        return (CalacsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        metrics = CalacsMetrics.of(getEndpoint().getCamelContext());
    }

    /** Progress events go to the log (DEBUG) and, with {@code progressUri}, to that endpoint as messages. */
    private java.util.function.Consumer<RunContext.ProgressEvent> progressListener() {
        String uri = getEndpoint().getConfiguration().getProgressUri();
        if (uri == null || uri.isBlank()) {
            return e -> LOG.debug("{} {} {} {}", e.stage(), e.step(), e.message(), e.fraction());
        }
        org.apache.camel.ProducerTemplate template = getEndpoint().getCamelContext().createProducerTemplate();
        return e -> {
            LOG.debug("{} {} {} {}", e.stage(), e.step(), e.message(), e.fraction());
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put(CalacsConstants.PROGRESS_STAGE, e.stage());
            if (e.step() != null) {
                headers.put(CalacsConstants.PROGRESS_STEP, e.step());
            }
            headers.put(CalacsConstants.PROGRESS_FRACTION, e.fraction());
            try {
                template.sendBodyAndHeaders(uri, org.apache.camel.ExchangePattern.InOnly, e.message(), headers);
            } catch (RuntimeException ex) {
                // progress is informative: a failing listener must not fail the calibration
                LOG.warn("progress event to {} failed: {}", uri, ex.toString());
            }
        };
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        CalacsStage stage = in.getHeader(CalacsConstants.STAGE) != null
                ? CalacsStage.parse(in.getHeader(CalacsConstants.STAGE, String.class)) : getEndpoint().stage();
        List<Path> inputs = inputs(exchange, stage);
        Path first = inputs.get(0).toAbsolutePath();
        RunOptions options = options(in, first.getParent());
        Map<String, String> env = environment(in);
        RunContext ctx = new RunContext(options, resolver(env, first.getParent(), options.outputDir()),
                new Trailer(options.verbosity(), options.timestamps(), null), env, progressListener());
        Path outputFile = explicitOutput(in, options.outputDir());
        CalacsEngine engine = getEndpoint().getComponent().getEngine();
        LOG.info("calacs:{} on {} (output {})", stage.uriName(), inputs, options.outputDir());

        long t0 = System.nanoTime();
        boolean ok = false;
        metrics.stageStarted();
        try {
            Files.createDirectories(options.outputDir());
            List<Path> products = new ArrayList<>();
            List<Path> trailers = new ArrayList<>();
            Map<String, Map<String, String>> status = new LinkedHashMap<>();
            Map<String, Long> timings = new LinkedHashMap<>();
            boolean nothing = false;
            switch (stage) {
                case CCD -> products.add(engine.ccd(first, ctx));
                case CTE -> products.add(engine.cte(first, ctx));
                case TWO_D -> products.add(engine.acs2d(first, outputFile, ctx));
                case REJ -> products.add(engine.rej(inputs, outputFile != null ? outputFile
                        : options.outputDir().resolve(rootname(first) + "_crj_tmp.fits"), RejParams.fromTable(), ctx));
                case SUM -> products.add(engine.sum(inputs, outputFile, ctx));
                case FORWARD_MODEL -> products.add(engine.forwardModel(first, ctx));
                case CALACS -> {
                    CalAcsResult r = engine.calacs(first.toString(), ctx);
                    products.addAll(r.products());
                    trailers.addAll(r.trailers());
                    status.putAll(r.stepStatus());
                    timings.putAll(r.timingsMs());
                    nothing = r.nothingToDo();
                }
                default -> throw new IllegalStateException("unhandled stage " + stage);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000L;
            if (stage == CalacsStage.CALACS) {
                // per-stage times reported by the driver (ACSCCD, ACSCTE, ACS2D, ...) become stage timers too
                // (keys are "<STAGE> <product>"; only the stage becomes a tag, to keep the cardinality bounded)
                timings.forEach((k, v) -> metrics.stageTime(k.trim().split("\\s+")[0].toLowerCase(Locale.ROOT),
                        v * 1_000_000L, true));
            }
            timings.putIfAbsent(stage.uriName(), ms);
            if (stage != CalacsStage.CALACS) {
                Path tra = options.outputDir().resolve(rootname(first) + ".tra");
                if (!ctx.trailer().pendingLines().isEmpty()) {
                    ctx.trailer().flushTo(tra);
                }
                if (Files.exists(tra)) {
                    trailers.add(tra);
                }
                for (Path p : products) {
                    if (p != null) {
                        status.put(p.getFileName().toString(), switchesOf(p));
                    }
                }
            }
            setResult(in, stage, products, trailers, status, timings, nothing);
            ok = true;
        } catch (CalacsException e) {
            e.inFile(first.getFileName());
            throw e;
        } finally {
            metrics.stageEnded();
            metrics.stageTime(stage.uriName(), System.nanoTime() - t0, ok);
        }
    }

    private static void setResult(Message in, CalacsStage stage, List<Path> products, List<Path> trailers,
                                  Map<String, Map<String, String>> status, Map<String, Long> timings, boolean nothing) {
        List<String> prod = new ArrayList<>();
        List<File> files = new ArrayList<>();
        for (Path p : products) {
            if (p != null) {
                prod.add(p.toAbsolutePath().toString());
                files.add(p.toFile());
            }
        }
        TreeSet<String> performed = new TreeSet<>();
        TreeSet<String> skipped = new TreeSet<>();
        TreeSet<String> omitted = new TreeSet<>();
        for (Map<String, String> m : status.values()) {
            m.forEach((k, v) -> {
                String u = v == null ? "" : v.trim().toUpperCase(Locale.ROOT);
                switch (u) {
                    case "COMPLETE" -> performed.add(k);
                    case "SKIPPED" -> skipped.add(k);
                    case "OMIT", "" -> omitted.add(k);
                    default -> { }
                }
            });
        }
        in.setHeader(CalacsConstants.PRODUCTS, prod);
        in.setHeader(CalacsConstants.TRAILERS, trailers.stream().map(p -> p.toAbsolutePath().toString()).toList());
        in.setHeader(CalacsConstants.STEPS_PERFORMED, new ArrayList<>(performed));
        in.setHeader(CalacsConstants.STEPS_SKIPPED, new ArrayList<>(skipped));
        in.setHeader(CalacsConstants.STEPS_OMITTED, new ArrayList<>(omitted));
        in.setHeader(CalacsConstants.TIMINGS, timings);
        in.setHeader(CalacsConstants.NOTHING_TO_DO, nothing);
        in.setBody(stage == CalacsStage.CALACS ? files : (files.isEmpty() ? null : files.get(0)));
    }

    /** The final switch values (*CORR keywords) of a product's primary header; empty if it cannot be read. */
    static Map<String, String> switchesOf(Path product) {
        Map<String, String> m = new LinkedHashMap<>();
        if (!Files.isRegularFile(product)) {
            return m;
        }
        try (FitsFile f = FitsFile.open(product)) {
            Header h = f.primaryHeader();
            for (Switch s : Switch.values()) {
                String v = h.getStringValue(s.keyword());
                if (v != null) {
                    m.put(s.keyword(), v.trim());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot read switches of {}: {}", product, e.toString());
        }
        return m;
    }

    List<Path> inputs(Exchange exchange, CalacsStage stage) throws InvalidPayloadException {
        Object body = exchange.getIn().getBody();
        List<Path> out = new ArrayList<>();
        if (body instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(toPath(exchange, o));
            }
        } else if (body instanceof Object[] arr) {
            for (Object o : arr) {
                out.add(toPath(exchange, o));
            }
        } else if (body != null) {
            out.add(toPath(exchange, body));
        }
        if (out.isEmpty()) {
            throw new InvalidPayloadException(exchange, Path.class);
        }
        if (out.size() > 1 && !stage.takesList()) {
            throw new IllegalArgumentException("calacs:" + stage.uriName() + " takes one input file, not " + out.size());
        }
        return out;
    }

    private static Path toPath(Exchange exchange, Object o) throws InvalidPayloadException {
        if (o instanceof Path p) {
            return p;
        }
        if (o instanceof File f) {
            return f.toPath();
        }
        if (o instanceof CharSequence s) {
            return Path.of(s.toString().trim());
        }
        File f = exchange.getContext().getTypeConverter().convertTo(File.class, exchange, o);
        if (f != null) {
            return f.toPath();
        }
        String s = exchange.getContext().getTypeConverter().convertTo(String.class, exchange, o);
        if (s == null || s.isBlank()) {
            throw new InvalidPayloadException(exchange, Path.class);
        }
        return Path.of(s.trim());
    }

    RunOptions options(Message in, Path inputDir) {
        CalacsConfiguration c = getEndpoint().getConfiguration();
        int threads = in.getHeader(CalacsConstants.THREADS, c.getThreads(), Integer.class);
        String pcte = in.getHeader(CalacsConstants.PCTETAB, c.getPctetab(), String.class);
        boolean save = in.getHeader(CalacsConstants.SAVE_TEMPORARIES, c.isSaveTemporaries(), Boolean.class);
        boolean overwrite = in.getHeader(CalacsConstants.OVERWRITE, c.isOverwrite(), Boolean.class);
        String outDir = in.getHeader(CalacsConstants.OUTPUT_DIR, c.getOutputDir(), String.class);
        Map<String, Object> sw = new LinkedHashMap<>(c.getSwitchOverrides());
        Map<?, ?> hsw = in.getHeader(CalacsConstants.SWITCH_OVERRIDES, Map.class);
        if (hsw != null) {
            hsw.forEach((k, v) -> sw.put(String.valueOf(k), v));
        }
        Map<String, Object> refs = new LinkedHashMap<>(c.getReferenceOverrides());
        Map<?, ?> hrefs = in.getHeader(CalacsConstants.REFERENCE_OVERRIDES, Map.class);
        if (hrefs != null) {
            hrefs.forEach((k, v) -> refs.put(String.valueOf(k), v));
        }
        Map<Switch, SwitchValue> switches = RunOptions.switchMap();
        sw.forEach((k, v) -> {
            Switch s = CalacsComponent.parseSwitch(k);
            String val = String.valueOf(v).trim().toUpperCase(Locale.ROOT);
            if (!val.equals("PERFORM") && !val.equals("OMIT")) {
                throw new IllegalArgumentException("calacs: switch override " + k + " must be PERFORM or OMIT, not " + v);
            }
            switches.put(s, SwitchValue.valueOf(val));
        });
        Map<RefType, String> references = new java.util.EnumMap<>(RefType.class);
        refs.forEach((k, v) -> references.put(CalacsComponent.parseRefType(k), String.valueOf(v).trim()));
        Verbosity verb = Verbosity.valueOf(c.getVerbosity().trim().toUpperCase(Locale.ROOT));
        Path out = outDir == null || outDir.isBlank() ? inputDir : Path.of(outDir).toAbsolutePath();
        return new RunOptions(verb, c.isTimestamps(), save, threads, false, pcte == null || pcte.isBlank() ? null : pcte,
                0, switches, references, out, overwrite);
    }

    Map<String, String> environment(Message in) {
        Map<String, String> env = new HashMap<>(System.getenv());
        String jref = in.getHeader(CalacsConstants.JREF, getEndpoint().getConfiguration().getJref(), String.class);
        if (jref != null && !jref.isBlank()) {
            String j = Path.of(jref.trim()).toAbsolutePath().toString();
            env.put("jref", j.endsWith("/") ? j : j + "/");
        }
        return env;
    }

    static RefResolver resolver(Map<String, String> env, Path inputDir, Path outputDir) {
        List<Path> allowed = new ArrayList<>();
        allowed.add(outputDir);
        return RefResolver.fromEnvironment(env, inputDir, allowed);
    }

    private static Path explicitOutput(Message in, Path outputDir) {
        String name = in.getHeader(CalacsConstants.OUTPUT_FILE, String.class);
        if (name == null || name.isBlank()) {
            return null;
        }
        Path p = Path.of(name.trim());
        return p.isAbsolute() ? p : outputDir.resolve(p);
    }

    /** The rootname of a CALACS file name: everything before the first underscore (j8bt05njq_raw.fits → j8bt05njq). */
    static String rootname(Path p) {
        String n = p.getFileName().toString();
        int u = n.indexOf('_');
        if (u > 0) {
            return n.substring(0, u);
        }
        int d = n.indexOf('.');
        return d > 0 ? n.substring(0, d) : n;
    }
}
