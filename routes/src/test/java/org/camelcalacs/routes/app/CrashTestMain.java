package org.camelcalacs.routes.app;

import java.nio.file.Path;
import java.util.Map;

/** The service with the validating fake engine, for the crash test's child JVMs. */
public final class CrashTestMain {
    private CrashTestMain() {
    }

    public static void main(String[] args) throws Exception {
        long sleep = Long.getLong("calacs.fake.sleepMs", 0);
        Path log = Path.of(System.getProperty("calacs.fake.log"));
        ServiceOptions o = ServiceOptions.parse(args, Map.of());
        new CalacsService(o, System.out).bind("engine", new ValidatingFakeEngine(sleep, log)).runBlocking();
    }
}
