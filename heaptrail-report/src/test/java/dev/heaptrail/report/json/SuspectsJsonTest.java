package dev.heaptrail.report.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakShape;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.analysis.suspects.LinkedChain;
import dev.heaptrail.report.HeapTotals;
import dev.heaptrail.report.SuspectsResult;
import dev.heaptrail.report.text.SuspectsText;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A suspect that is an application's own linked list, as analyze's JSON and text show it. */
class SuspectsJsonTest {

    private static SuspectsResult linkedList(LinkedChain chain) {
        List<PathStep> path = List.of(new PathStep(1, 0x20, "class com.shop.Audit", "sticky class", null, -1, false),
                new PathStep(2, 0x30, "com.shop.EventLog", null, "LOG", -1, true),
                new PathStep(3, 0x40, "com.shop.Event", null, "head", -1, false));
        LeakSuspect s = new LeakSuspect(1, LeakPattern.STATIC_COLLECTION,
                new LeakSuspect.Point(3, 0x40, "com.shop.Event", chain == null ? -1 : chain.nodes(), 900_000, 90.0),
                new LeakSuspect.MadeOf("com.shop.Event", 3_000, 900_000, List.of(), null, null, chain),
                new LeakSuspect.HeldBy(path, null, null, null, null),
                new LeakShape(LeakShape.Evidence.MANY_SIMILAR, "a pile-up"), new LeakSuspect.Ranking(45, "45"));
        return new SuspectsResult(new HeapTotals(10_000, 1_000_000, 0, 0), List.of(s));
    }

    private static String render(dev.heaptrail.report.Renderer<SuspectsResult> renderer, SuspectsResult result) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        renderer.render(result, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLinkedChainIsSpelledOutAndOnlyWhereThereIsOne() throws IOException {
        SuspectsResult chain = linkedList(new LinkedChain(7, "com.shop.Event", 3_000, List.of("next"), false));
        JsonNode s = new ObjectMapper().readTree(render(new SuspectsJson(), chain)).get("suspects").get(0);
        assertThat(s.get("linkedChain").toString()).isEqualTo("{\"nodeClass\":\"com.shop.Event\",\"nodes\":3000,\"links\":[\"next\"],\"tree\":false}");
        assertThat(s.get("description").asText()).isEqualTo("a linked chain of 3,000 com.shop.Event objects under EventLog.head retains 90.0 % of the heap");
        assertThat(s.get("accumulationPoint").get("elements").asLong()).isEqualTo(3_000);
        assertThat(render(new SuspectsText(), chain))
                .contains("  made of:  3,000 com.shop.Event retaining 879 KiB, a linked chain (each holds the next in .next)\n");

        JsonNode none = new ObjectMapper().readTree(render(new SuspectsJson(), linkedList(null))).get("suspects").get(0);
        assertThat(none.has("linkedChain")).isFalse();
        assertThat(render(new SuspectsText(), linkedList(null))).contains("  made of:  3,000 com.shop.Event retaining 879 KiB\n");
    }

    @Test
    void aTreeNamesAllItsLinks() {
        LinkedChain tree = new LinkedChain(7, "com.shop.Branch", 2_047, List.of("left", "middle", "right"), true);
        assertThat(tree.howLinked()).isEqualTo("a tree (linked by .left, .middle and .right)");
        assertThat(tree.nodesInWords()).isEqualTo("a tree of 2,047 com.shop.Branch objects");
        assertThat(new LinkedChain(7, "com.shop.Event", 150, List.of(), false).howLinked()).isEqualTo("a linked chain");
    }
}
