package dev.heaptrail.report.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.report.SiteReports;
import dev.heaptrail.report.SitesResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON contract of alloc and sites, read back with Jackson: the fields, in order, and null where unknown. */
class SitesJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theContractsFieldsInOrderWithNullsWhereUnknown() throws IOException {
        JsonNode r = JSON.readTree(render(new SitesResult(SiteReports.leak(), "orders.jfr")));
        assertThat(names(r)).containsExactly("sites", "samples", "durationSeconds", "source", "jvm", "survivorSamples", "notes");
        assertThat(r.get("samples").asLong()).isEqualTo(12_345);
        assertThat(r.get("durationSeconds").asDouble()).isEqualTo(60.0);
        assertThat(r.get("source").asText()).isEqualTo("jfr");
        assertThat(r.get("jvm").asText()).isEqualTo("OpenJDK 64-Bit Server VM 17.0.15+6");
        assertThat(r.get("survivorSamples").asBoolean()).isTrue();
        assertThat(r.get("notes")).hasSize(1);

        JsonNode sites = r.get("sites");
        assertThat(sites).hasSize(3);
        for (JsonNode s : sites) {
            assertThat(names(s)).containsExactly("rank", "frames", "survivingBytes", "survivingObjects", "samples",
                    "allocatedBytesPerSecond", "topClass", "path");
        }
        JsonNode first = sites.get(0);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("frames").toString()).isEqualTo("[{\"class\":\"com.shop.SessionStore\",\"method\":\"remember\",\"line\":42}]");
        assertThat(first.get("survivingBytes").asLong()).isEqualTo(12_582_912);
        assertThat(first.get("survivingObjects").asLong()).isEqualTo(89_877);
        assertThat(first.get("samples").asLong()).isEqualTo(41);
        assertThat(first.get("allocatedBytesPerSecond").asDouble()).isEqualTo(1_572_864.0);
        assertThat(first.get("topClass").asText()).isEqualTo("com.shop.Session");

        JsonNode unknown = sites.get(1);
        assertThat(unknown.get("frames").get(0).get("line").isNull()).isTrue();
        assertThat(unknown.get("allocatedBytesPerSecond").isNull()).isTrue();
        assertThat(unknown.get("topClass").isNull()).isTrue();
        assertThat(unknown.get("path")).isEmpty();
        assertThat(sites.get(2).get("frames")).hasSize(2);
        assertThat(sites.get(2).get("allocatedBytesPerSecond").asDouble()).isEqualTo(250_000_000.5);
    }

    @Test
    void pathStepsAreAnalyzesWithTheLinksTheRecordingSkipped() throws IOException {
        JsonNode path = JSON.readTree(render(new SitesResult(SiteReports.leak(), "orders.jfr"))).get("sites").get(0).get("path");
        assertThat(path.toString()).isEqualTo("[{\"rootKind\":\"static field\",\"class\":\"java.lang.Class\",\"id\":\"0x1000\"},"
                + "{\"class\":\"java.util.HashMap\",\"id\":\"0x2000\",\"field\":\"SESSIONS\",\"static\":true},"
                + "{\"class\":\"java.util.HashMap$Node[]\",\"id\":\"0x3000\",\"field\":\"table\",\"skippedBefore\":2},"
                + "{\"class\":\"com.shop.Session\",\"id\":\"0x4000\",\"index\":5}]");
    }

    @Test
    void withoutSurvivorSamplesTheSurvivingFiguresAreNullNotZero() throws IOException {
        assertThat(render(new SitesResult(SiteReports.allocationOnly(), "PID 4242"))).isEqualTo("{\"sites\":[{\"rank\":1,"
                + "\"frames\":[{\"class\":\"com.shop.Report\",\"method\":\"render\",\"line\":9}],\"survivingBytes\":null,"
                + "\"survivingObjects\":null,\"samples\":900,\"allocatedBytesPerSecond\":125829120,\"topClass\":\"byte[]\","
                + "\"path\":[]}],\"samples\":900,\"durationSeconds\":null,\"source\":\"async-profiler\",\"jvm\":null,"
                + "\"survivorSamples\":false,\"notes\":[]}\n");
    }

    @Test
    void underAComparisonEachSiteHasItsGrowthAndTheReportWhatItWasComparedTo() throws IOException {
        JsonNode r = JSON.readTree(render(new SitesResult(SiteReports.compared(), "after.jfr")));
        assertThat(names(r)).containsExactly("sites", "samples", "durationSeconds", "source", "jvm", "survivorSamples",
                "comparedTo", "notes");
        assertThat(r.get("comparedTo").asText()).isEqualTo("before.jfr");
        assertThat(names(r.get("sites").get(0))).containsExactly("rank", "frames", "survivingBytes", "survivingObjects",
                "samples", "allocatedBytesPerSecond", "topClass", "path", "growth");
        assertThat(r.get("sites").get(0).get("growth").toString())
                .isEqualTo("{\"survivingBytes\":2097152,\"survivingObjects\":14979,\"growing\":true}");
        assertThat(r.get("sites").get(1).get("growth").toString())
                .isEqualTo("{\"survivingBytes\":-300,\"survivingObjects\":-2,\"growing\":false}");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String render(SitesResult r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new SitesJson().render(r, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
