package org.camelcalacs.routes.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Header;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;
import org.camelcalacs.camel.component.calacs.CalacsMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-folder service in this JVM with a validating fake engine: good inputs flow to products/ and done/,
 * broken ones land in failed/ with a report, associations wait for their members, missing references are retried.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceFlowTest {
    @TempDir
    static Path tmp;

    static CalacsService service;
    static WorkDirs dirs;
    static Path jref;
    static Path demoRaw;

    @BeforeAll
    static void start() throws Exception {
        jref = tmp.resolve("jref");
        Path src = tmp.resolve("src");
        DemoData.drop(src, jref);
        demoRaw = src.resolve(DemoData.ROOT + "_raw.fits");
        TestFiles.requireShared();
        TestFiles.gunzipAll(TestFiles.SHARED.resolve("golden/bad-inputs/inputs/ref"), jref);
        TestFiles.gunzipAll(TestFiles.SHARED.resolve("golden/sbc-real-rpt/inputs/ref"), jref);
        ServiceOptions o = ServiceOptions.parse(new String[] {"--work", tmp.resolve("work").toString(), "--jref",
            jref.toString(), "--port", "0", "--prop", "camel.management.enabled=false",
            "--prop", "calacs.raw.settleMs=300", "--prop", "calacs.asn.timeoutMs=4000",
            "--prop", "calacs.inbox.delay=200", "--prop", "calacs.inbox.concurrency=2", "--prop", "calacs.retry.cron=0/2 * * * * ?",
            "--prop", "calacs.housekeeping.cron=", "--prop", "camel.metrics.enabled=true"}, Map.of());
        service = new CalacsService(o, null).bind("engine", new ValidatingFakeEngine());
        service.start(60_000);
        dirs = service.dirs();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
    }

    private static Map<String, String> report(String input) throws Exception {
        return FailureReport.parse(Files.readString(dirs.failed().resolve(input + ".error.txt"), StandardCharsets.UTF_8));
    }

    private static void noLeftovers() throws Exception {
        assertThat(TestFiles.names(dirs.products())).noneMatch(n -> n.startsWith(".") || n.contains("_tmp"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestFiles.names(dirs.staging())).isEmpty());
    }

    @Test
    @Order(1)
    void aGoodRawIsCalibratedAndMovedToDone() throws Exception {
        TestFiles.drop(demoRaw, dirs.inbox(), "jgood1aaq_raw.fits");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dirs.done().resolve("jgood1aaq_raw.fits")));
        assertThat(TestFiles.names(dirs.products())).contains("jgood1aaq_flt.fits", "jgood1aaq.tra");
        assertThat(dirs.inbox().resolve("jgood1aaq_raw.fits")).doesNotExist();
        noLeftovers();
    }

    @Test
    @Order(2)
    void brokenInputsLandInFailedWithAReasonWhileAGoodInputKeepsFlowing() throws Exception {
        List<String> bad = new ArrayList<>();
        Path badDir = TestFiles.SHARED.resolve("golden/bad-inputs/inputs");
        try (Stream<Path> s = Files.list(badDir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".gz")).sorted().toList()) {
                TestFiles.drop(p, dirs.inbox(), p.getFileName().toString());
                bad.add(p.getFileName().toString());
            }
        }
        TestFiles.drop(demoRaw, dirs.inbox(), "jgood2aaq_raw.fits");
        int i = 0;
        try (Stream<Path> s = Files.list(TestFiles.SHARED.resolve("realdata"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches(".*(bad|broke).*")).sorted().toList()) {
                TestFiles.drop(p, dirs.inbox(), p.getFileName().toString());
                bad.add(p.getFileName().toString());
                // the same bytes under a raw name, so that the content (not the name) has to be rejected
                String renamed = "jrb0" + (++i) + "aaq_raw.fits";
                TestFiles.drop(p, dirs.inbox(), renamed);
                bad.add(renamed);
            }
        }
        assertThat(bad).hasSizeGreaterThanOrEqualTo(14);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (String b : bad) {
                assertThat(dirs.failed().resolve(b)).as(b).exists();
                assertThat(dirs.failed().resolve(b + ".error.txt")).as(b).exists();
            }
            assertThat(dirs.products().resolve("jgood2aaq_flt.fits")).exists();
        });
        for (String b : bad) {
            Map<String, String> r = report(b);
            assertThat(r.get("input")).isEqualTo(b);
            assertThat(r.get("error")).as(b).isNotBlank();
            assertThat(r.get("category")).as(b).isNotEqualTo("internal-error");
            assertThat(TestFiles.names(dirs.products())).as(b).noneMatch(n -> n.startsWith(b.split("_")[0] + "_"));
        }
        assertThat(report("jbad02inq_raw.fits.gz").get("category")).isEqualTo("invalid-input");
        assertThat(report("jbad02inq_raw.fits.gz").get("error")).contains("INSTRUME");
        assertThat(report("jbad03mrq_raw.fits.gz").get("category")).isEqualTo("missing-reference");
        assertThat(report("jbad03mrq_raw.fits.gz").get("keyword")).isEqualTo("BIASFILE");
        assertThat(report("jbad04ptq_raw.fits.gz").get("category")).isEqualTo("reference-error");
        assertThat(report("jbad04ptq_raw.fits.gz").get("error")).contains("refusing");
        assertThat(report("jbad06swq_raw.fits.gz").get("error")).contains("DQICORR");
        assertThat(report("jbad07nfq_raw.fits.gz").get("category")).isEqualTo("invalid-input");
        assertThat(report("j8bt05njq_raw_broke.fits.gz").get("category")).isEqualTo("unsupported-file");
        assertThat(Files.readString(dirs.failed().resolve("jbad03mrq_raw.fits.gz.error.txt")))
                .contains("BIASFILE = jref$missing_bia.fits").contains("[missing]");
        MeterRegistry reg = CalacsMetrics.of(service.context()).registry();
        double failed = reg.find(CalacsMetrics.FAILED).counters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(failed).isGreaterThanOrEqualTo(bad.size());
        assertThat(reg.find(CalacsMetrics.PROCESSED).tag("kind", "raw").counter().count()).isGreaterThanOrEqualTo(2);
        noLeftovers();
    }

    @Test
    @Order(3)
    void anAssociationWaitsForItsPresentMembers() throws Exception {
        Path in = TestFiles.SHARED.resolve("golden/sbc-real-rpt/inputs");
        TestFiles.drop(in.resolve("jcrx01010_asn.fits.gz"), dirs.inbox(), "jcrx01010_asn.fits.gz");
        List<String> members = List.of("jcrx01iiq", "jcrx01ijq", "jcrx01ikq", "jcrx01ilq", "jcrx01imq");
        for (String m : members.subList(0, 3)) {
            TestFiles.drop(in.resolve(m + "_raw.fits.gz"), dirs.inbox(), m + "_raw.fits.gz");
        }
        Thread.sleep(2500);
        assertThat(TestFiles.names(dirs.inbox())).contains("jcrx01010_asn.fits.gz", "jcrx01iiq_raw.fits.gz",
                "jcrx01ijq_raw.fits.gz", "jcrx01ikq_raw.fits.gz");
        assertThat(TestFiles.names(dirs.products())).noneMatch(n -> n.startsWith("jcrx01"));
        for (String m : members.subList(3, 5)) {
            TestFiles.drop(in.resolve(m + "_raw.fits.gz"), dirs.inbox(), m + "_raw.fits.gz");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dirs.done().resolve("jcrx01010_asn.fits.gz")));
        for (String m : members) {
            assertThat(dirs.done().resolve(m + "_raw.fits.gz")).exists();
            assertThat(dirs.products().resolve(m + "_flt.fits")).exists();
        }
        assertThat(dirs.products().resolve("jcrx01010_sfl.fits")).exists();
        assertThat(TestFiles.names(dirs.inbox())).noneMatch(n -> n.startsWith("jcrx01"));
        noLeftovers();
    }

    @Test
    @Order(4)
    void aRawWhoseAssociationIsAbsentIsCalibratedAlone() throws Exception {
        Path in = TestFiles.SHARED.resolve("golden/sbc-real-rpt/inputs");
        // ASN_ID says JCRX01010, which is no longer in the inbox
        TestFiles.drop(in.resolve("jcrx01ilq_raw.fits.gz"), dirs.inbox(), "jcrx01xxq_raw.fits.gz");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dirs.done().resolve("jcrx01xxq_raw.fits.gz")));
        assertThat(dirs.products().resolve("jcrx01xxq_flt.fits")).exists();
    }

    @Test
    @Order(5)
    void anAssociationWhoseMembersNeverArriveFailsAfterTheTimeout() throws Exception {
        Path asn = tmp.resolve("jmiss1010_asn.fits");
        writeAsn(asn, List.of("JMISS1AAQ", "JMISS1ABQ"));
        TestFiles.drop(asn, dirs.inbox(), "jmiss1010_asn.fits");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dirs.failed().resolve("jmiss1010_asn.fits")));
        Map<String, String> r = report("jmiss1010_asn.fits");
        assertThat(r.get("category")).isEqualTo("association-incomplete");
        assertThat(r.get("error")).contains("jmiss1aaq");
    }

    @Test
    @Order(6)
    void anUnknownFileGoesToFailedWithAReport() throws Exception {
        Path f = tmp.resolve("notes.txt");
        Files.writeString(f, "not a FITS file");
        TestFiles.drop(f, dirs.inbox(), "notes.txt");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dirs.failed().resolve("notes.txt.error.txt")));
        assertThat(dirs.failed().resolve("notes.txt")).exists();
        assertThat(report("notes.txt").get("category")).isEqualTo("unsupported-file");
    }

    @Test
    @Order(7)
    void aMissingReferenceIsRetriedOnScheduleOnceItAppears() throws Exception {
        List<BasicHDU<?>> hdus = DemoData.raw();
        hdus.get(0).getHeader().addValue("DARKFILE", "jref$late_drk.fits", "dark image file name");
        Path raw = tmp.resolve("jretr1aaq_raw.fits");
        DemoData.write(hdus, raw);
        TestFiles.drop(raw, dirs.inbox(), "jretr1aaq_raw.fits");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dirs.failed().resolve("jretr1aaq_raw.fits.error.txt")));
        Map<String, String> r = report("jretr1aaq_raw.fits");
        assertThat(r.get("category")).isEqualTo("missing-reference");
        assertThat(r.get("missing-references")).isEqualTo("late_drk.fits");
        Thread.sleep(2500); // a retry run while the file is still missing leaves it alone
        assertThat(dirs.failed().resolve("jretr1aaq_raw.fits")).exists();
        Files.copy(jref.resolve(DemoData.DRK), jref.resolve("late_drk.fits"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dirs.products().resolve("jretr1aaq_flt.fits")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(dirs.done().resolve("jretr1aaq_raw.fits")).exists();
            assertThat(dirs.failed().resolve("jretr1aaq_raw.fits")).doesNotExist();
            assertThat(dirs.failed().resolve("jretr1aaq_raw.fits.error.txt")).doesNotExist();
        });
    }

    @Test
    @Order(8)
    void anAssociationThatFailedForAMissingReferenceIsRetriedWithItsMembers() throws Exception {
        List<BasicHDU<?>> hdus = DemoData.raw();
        hdus.get(0).getHeader().addValue("DARKFILE", "jref$late2_drk.fits", "dark image file name");
        hdus.get(0).getHeader().addValue("ASN_ID", "JLATE1010", "");
        for (String m : List.of("jlate1aaq", "jlate1abq")) {
            Path raw = tmp.resolve(m + "_raw.fits");
            DemoData.write(hdus, raw);
            TestFiles.drop(raw, dirs.inbox(), m + "_raw.fits");
        }
        Path asn = tmp.resolve("jlate1010_asn.fits");
        writeAsn(asn, List.of("JLATE1AAQ", "JLATE1ABQ"));
        TestFiles.drop(asn, dirs.inbox(), "jlate1010_asn.fits");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dirs.failed().resolve("jlate1010_asn.fits.error.txt")));
        Map<String, String> r = report("jlate1010_asn.fits");
        assertThat(r.get("category")).isEqualTo("missing-reference");
        assertThat(r.get("members")).isEqualTo("jlate1aaq_raw.fits,jlate1abq_raw.fits");
        assertThat(r.get("missing-references")).isEqualTo("late2_drk.fits");
        assertThat(TestFiles.names(dirs.failed())).contains("jlate1aaq_raw.fits", "jlate1abq_raw.fits");
        Files.copy(jref.resolve(DemoData.DRK), jref.resolve("late2_drk.fits"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dirs.done().resolve("jlate1010_asn.fits")));
        assertThat(TestFiles.names(dirs.products())).contains("jlate1aaq_flt.fits", "jlate1abq_flt.fits",
                "jlate1010_sfl.fits");
        assertThat(TestFiles.names(dirs.done())).contains("jlate1aaq_raw.fits", "jlate1abq_raw.fits");
        assertThat(TestFiles.names(dirs.failed())).noneMatch(n -> n.startsWith("jlate1"));
    }

    /** A minimal association table: members EXP-RPT, all present, plus the product row. */
    static void writeAsn(Path out, List<String> members) throws Exception {
        int n = members.size() + 1;
        String[] names = new String[n];
        String[] types = new String[n];
        boolean[] present = new boolean[n];
        for (int i = 0; i < members.size(); i++) {
            names[i] = members.get(i);
            types[i] = "EXP-RPT";
            present[i] = true;
        }
        String root = out.getFileName().toString().split("_")[0].toUpperCase();
        names[n - 1] = root.substring(0, 8) + "1";
        types[n - 1] = "PROD-RPT";
        BinaryTableHDU t = BinaryTable.fromColumnMajor(new Object[] {names, types, present}).toHDU();
        t.setColumnName(0, "MEMNAME", null);
        t.setColumnName(1, "MEMTYPE", null);
        t.setColumnName(2, "MEMPRSNT", null);
        t.getHeader().addValue("EXTNAME", "ASN", "");
        Header p = new Header();
        p.addValue("SIMPLE", true, "");
        p.addValue("BITPIX", 16, "");
        p.addValue("NAXIS", 0, "");
        p.addValue("EXTEND", true, "");
        p.addValue("INSTRUME", "ACS", "");
        p.addValue("DETECTOR", "SBC", "");
        p.addValue("ASN_ID", root, "");
        Map<String, Object> unused = new LinkedHashMap<>();
        unused.clear();
        DemoData.write(List.of(new ImageHDU(p, new ImageData()), t), out);
    }
}
