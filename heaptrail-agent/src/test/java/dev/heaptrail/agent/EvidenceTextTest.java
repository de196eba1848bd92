package dev.heaptrail.agent;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The histogram growth the evidence files lead with, and the webhook's hand-written JSON. */
class EvidenceTextTest {

    static final String BEFORE = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1000          24000  java.lang.String (java.base@17.0.15)
               2:            10           4000  [B (java.base@17.0.15)
               3:             5            120  com.example.Order
            Total          1015          28120
            """;
    static final String AFTER = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         50000        5000000  [B (java.base@17.0.15)
               2:          1000          24000  java.lang.String (java.base@17.0.15)
               3:           500          12000  com.example.Order
               4:             2             48  com.example.Order
            Total         51502        5036048
            """;

    @Test
    void growthListsWhatGrewMostFirstAndAddsUpClassesOfOneName() {
        Map<String, Long> before = ClassHistogramText.bytesByClass(BEFORE);
        Map<String, Long> after = ClassHistogramText.bytesByClass(AFTER);
        assertThat(after).containsEntry("com.example.Order", 12048L).containsEntry("[B", 5000000L);
        assertThat(ClassHistogramText.growth(before, after, 5))
                .containsExactly("+4,996,000 bytes  [B", "+11,928 bytes  com.example.Order");
        assertThat(ClassHistogramText.growth(after, after, 5)).containsExactly("no class grew");
    }

    @Test
    void jsonStringsAreEscapedAndNumbersNeverNaN() {
        assertThat(Json.string("a \"b\"\n\\c\u0001")).isEqualTo("\"a \\\"b\\\"\\n\\\\c\\u0001\"");
        assertThat(Json.number(Double.NaN)).isEqualTo("null");
        assertThat(Json.number(Double.POSITIVE_INFINITY)).isEqualTo("null");
        assertThat(Json.number(3600)).isEqualTo("3600");
        assertThat(Json.number(1.5)).isEqualTo("1.5");
    }
}
