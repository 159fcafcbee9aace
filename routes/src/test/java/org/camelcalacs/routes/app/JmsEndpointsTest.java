package org.camelcalacs.routes.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import nom.tam.fits.Fits;
import nom.tam.util.FitsInputStream;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Product and failure endpoints are plain Camel URIs: with nothing but a properties file (a JMS connection factory
 * declared as a {@code camel.beans.*} bean, {@code calacs.products.uri} and {@code calacs.failure.uri} set to
 * {@code jms:queue:...}) the service sends products and trailers to one queue and failure reports to another. An
 * embedded Artemis broker (TCP on a free loopback port) stands in for a real one; the real calib-core engine
 * calibrates the synthetic demo exposure.
 */
class JmsEndpointsTest {
    @TempDir
    Path tmp;

    @Test
    void productsAndFailureReportsGoToJmsQueuesByConfigurationAlone() throws Exception {
        // the broker's audit log prints every message at INFO; keep the test output readable
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.activemq"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int port = freePort();
        String url = "tcp://127.0.0.1:" + port;
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false).setSecurityEnabled(false).setJournalDirectory(tmp.resolve("j").toString())
                .addAcceptorConfiguration("tcp", url));
        broker.start();
        CalacsService service = null;
        try {
            Path jref = tmp.resolve("jref");
            Path src = tmp.resolve("src");
            DemoData.drop(src, jref);
            Path config = tmp.resolve("jms.properties");
            // only configuration: a connection factory bean, the JMS component pointed at it, two endpoint URIs
            Files.writeString(config, String.join("\n",
                    "camel.beans.brokerCf = #class:org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory",
                    "camel.beans.brokerCf.brokerURL = " + url,
                    "camel.component.jms.connectionFactory = #bean:brokerCf",
                    "calacs.products.uri = jms:queue:calacs.products",
                    "calacs.failure.uri = jms:queue:calacs.failures",
                    "calacs.inbox.delay = 200",
                    "calacs.raw.settleMs = 200",
                    "calacs.retry.cron =",
                    "calacs.housekeeping.cron =",
                    "camel.management.enabled = false", ""), StandardCharsets.UTF_8);
            ServiceOptions o = ServiceOptions.parse(new String[] {"--work", tmp.resolve("work").toString(),
                "--jref", jref.toString(), "--port", "0", "--config", config.toString()}, Map.of());
            service = new CalacsService(o, null);
            service.start(60_000);
            WorkDirs d = service.dirs();

            TestFiles.drop(src.resolve(DemoData.ROOT + "_raw.fits"), d.inbox(), "jgood1aaq_raw.fits");
            Path junk = tmp.resolve("junk");
            Files.writeString(junk, "this is not a FITS file\n".repeat(200));
            TestFiles.drop(junk, d.inbox(), "jjunk1aaq_raw.fits");

            await().atMost(Duration.ofSeconds(25)).until(() -> Files.exists(d.done().resolve("jgood1aaq_raw.fits"))
                    && Files.exists(d.failed().resolve("jjunk1aaq_raw.fits")));

            List<Received> products = drain(url, "calacs.products");
            List<Received> failures = drain(url, "calacs.failures");

            // the good input: its product and its trailer, each one message naming itself and the input
            List<String> names = new ArrayList<>();
            for (Received m : products) {
                assertThat(m.prop("CalacsInputName")).isEqualTo("jgood1aaq_raw.fits");
                names.add(m.prop("CalacsProductName"));
            }
            assertThat(names).containsExactlyInAnyOrder("jgood1aaq_flt.fits", "jgood1aaq.tra");
            Received flt = products.get(names.indexOf("jgood1aaq_flt.fits"));
            assertThat(flt.message()).isInstanceOf(BytesMessage.class);
            assertThat(flt.prop("CalacsProductKind")).isEqualTo("product");
            byte[] bytes = flt.bytes();
            assertThat(bytes.length).isGreaterThan(2 * 1024 * 1024 * 4);
            assertThat(bytes.length % 2880).as("whole FITS blocks").isZero();
            try (Fits f = new Fits(new FitsInputStream(new java.io.ByteArrayInputStream(bytes)))) {
                f.read();
                assertThat(f.getHDU(0).getHeader().getStringValue("FILENAME").trim()).isEqualTo("jgood1aaq_flt.fits");
                assertThat(f.getHDU(0).getHeader().getStringValue("FLATCORR").trim()).isEqualTo("COMPLETE");
            }
            Received tra = products.get(names.indexOf("jgood1aaq.tra"));
            assertThat(tra.prop("CalacsProductKind")).isEqualTo("trailer");
            assertThat(new String(tra.bytes(), StandardCharsets.UTF_8)).contains("FLATCORR");

            // the bad input: exactly one failure message carrying the readable report
            assertThat(failures).hasSize(1);
            Received fail = failures.get(0);
            assertThat(fail.message()).isInstanceOf(TextMessage.class);
            assertThat(fail.prop("CalacsInputName")).isEqualTo("jjunk1aaq_raw.fits");
            assertThat(fail.prop("CalacsReportName")).isEqualTo("jjunk1aaq_raw.fits.error.txt");
            Map<String, String> report = FailureReport.parse(fail.text());
            assertThat(report.get("input")).contains("jjunk1aaq_raw.fits");
            assertThat(report.get("category")).isEqualTo(fail.prop("CalacsFailureCategory"))
                    .isEqualTo("invalid-input");
            assertThat(report.get("error")).isNotBlank();

            // nothing lost, nothing left behind: products went to the queue, not to products/
            assertThat(TestFiles.names(d.products())).isEmpty();
            assertThat(TestFiles.names(d.inbox())).isEmpty();
            assertThat(TestFiles.names(d.failed())).containsExactly("jjunk1aaq_raw.fits");
        } finally {
            if (service != null) {
                service.stop();
            }
            broker.stop();
        }
    }

    /** A received message, read while the connection is open (large messages are streamed). */
    record Received(Message message, byte[] bytes, String text) {
        String prop(String name) throws jakarta.jms.JMSException {
            return message.getStringProperty(name);
        }
    }

    /** Every message on the queue, waiting up to 2 s for the next one. */
    private static List<Received> drain(String url, String queue) throws Exception {
        List<Received> out = new ArrayList<>();
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url);
             Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            for (Message m = consumer.receive(5000); m != null; m = consumer.receive(2000)) {
                byte[] bytes = null;
                String text = null;
                if (m instanceof BytesMessage b) {
                    bytes = new byte[(int) b.getBodyLength()];
                    b.readBytes(bytes);
                } else if (m instanceof TextMessage t) {
                    text = t.getText();
                }
                out.add(new Received(m, bytes, text));
            }
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
