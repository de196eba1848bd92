package dev.heaptrail.live;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link NativeMemory#parse} on what JDK 17.0.15 and Temurin 25.0.3 answered over JMX (the
 * DiagnosticCommand MBean's vmNativeMemory) for a JVM run with -XX:NativeMemoryTracking=summary
 * -Xmx128m that held 64 MiB of direct buffers; the diffs after a baseline taken before those were
 * allocated. Text blocks drop the blank JDK 17 leaves at line ends; one test puts them back.
 */
class NativeMemoryTest {

    static Map<String, NativeMemory.Category> byName(NativeMemory.Summary s) {
        return s.categories().stream().collect(Collectors.toMap(NativeMemory.Category::name, Function.identity()));
    }

    /** Every category is read, none twice: in bytes they add up to the totals exactly. */
    static void addsUp(NativeMemory.Summary s) {
        assertThat(s.categories().stream().mapToLong(NativeMemory.Category::reservedBytes).sum()).isEqualTo(s.totalReservedBytes());
        assertThat(s.categories().stream().mapToLong(NativeMemory.Category::committedBytes).sum()).isEqualTo(s.totalCommittedBytes());
        assertThat(s.categories().stream().mapToLong(NativeMemory.Category::reservedDiffBytes).sum())
                .isEqualTo(s.totalReservedDiffBytes());
        assertThat(s.categories().stream().mapToLong(NativeMemory.Category::committedDiffBytes).sum())
                .isEqualTo(s.totalCommittedDiffBytes());
    }

    @Test
    void readsEveryCategoryOfAJdk17Summary() throws Exception {
        NativeMemory.Summary s = NativeMemory.parse(NativeMemoryTexts.JDK17_SUMMARY, false);
        assertThat(s.diff()).isFalse();
        assertThat(s.totalReservedBytes()).isEqualTo(1684984707L);
        assertThat(s.totalCommittedBytes()).isEqualTo(276415363L);
        assertThat(s.categories()).hasSize(21);
        assertThat(s.categories().get(0)).isEqualTo(new NativeMemory.Category("Java Heap", 128L << 20, 128L << 20, 0, 0));
        assertThat(s.categories().get(20).name()).isEqualTo("Object Monitors");
        Map<String, NativeMemory.Category> c = byName(s);
        assertThat(c.get("Native Memory Tracking").committedBytes()).isEqualTo(545304L);
        assertThat(c.get("Metaspace")).isEqualTo(new NativeMemory.Category("Metaspace", 67152304L, 5614000L, 0, 0));
        assertThat(c.get("Other").committedBytes()).as("the direct buffers").isEqualTo(67127296L);
        addsUp(s);
    }

    @Test
    void theBlanksJdk17LeavesAtLineEndsChangeNothing() throws Exception {
        String asPrinted = NativeMemoryTexts.JDK17_SUMMARY.replace(")\n", ") \n").replace("\n\n-", "\n \n-");
        assertThat(asPrinted).isNotEqualTo(NativeMemoryTexts.JDK17_SUMMARY);
        assertThat(NativeMemory.parse(asPrinted, false)).isEqualTo(NativeMemory.parse(NativeMemoryTexts.JDK17_SUMMARY, false));
    }

    @Test
    void readsEveryCategoryOfAJdk25Summary() throws Exception {
        NativeMemory.Summary s = NativeMemory.parse(NativeMemoryTexts.JDK25_SUMMARY, false);
        assertThat(s.categories()).hasSize(23);
        assertThat(s.categories().get(0)).isEqualTo(new NativeMemory.Category("Java Heap", 128L << 20, 128L << 20, 0, 0));
        Map<String, NativeMemory.Category> c = byName(s);
        assertThat(c).containsKeys("GCCardSet", "Statistics", "Thread", "Class", "Metaspace");
        // JDK 25 adds "readonly=" after committed, and "tag=Class" inside its malloc lines
        assertThat(c.get("Shared class space").committedBytes()).isEqualTo(14241888L);
        assertThat(c.get("Class")).isEqualTo(new NativeMemory.Category("Class", 1073949798L, 1059942L, 0, 0));
        addsUp(s);
    }

    @Test
    void readsTheChangesOfAJdk17DiffAndRanksTheLargestGrowthFirst() throws Exception {
        NativeMemory.Summary s = NativeMemory.parse(NativeMemoryTexts.JDK17_DIFF, true);
        assertThat(s.diff()).isTrue();
        assertThat(s.totalReservedDiffBytes()).isEqualTo(74093212L);
        assertThat(s.totalCommittedDiffBytes()).isEqualTo(75281052L);
        Map<String, NativeMemory.Category> c = byName(s);
        assertThat(c.get("Other")).isEqualTo(new NativeMemory.Category("Other", 67127296L, 67127296L, 67127296L, 67127296L));
        assertThat(c.get("Java Heap").committedDiffBytes()).isZero();
        addsUp(s);
        List<NativeMemory.Category> ranked = s.byGrowth().categories();
        assertThat(ranked.get(0).name()).isEqualTo("Other");
        for (int i = 1; i < ranked.size(); i++) {
            assertThat(ranked.get(i).committedDiffBytes()).isLessThanOrEqualTo(ranked.get(i - 1).committedDiffBytes());
        }
    }

    @Test
    void readsTheChangesOfAJdk25DiffShrinkingOnesToo() throws Exception {
        NativeMemory.Summary s = NativeMemory.parse(NativeMemoryTexts.JDK25_DIFF, true);
        assertThat(s.totalReservedBytes()).isEqualTo(1682189900L);
        assertThat(s.totalCommittedDiffBytes()).isEqualTo(75657451L);
        Map<String, NativeMemory.Category> c = byName(s);
        assertThat(c.get("Internal")).isEqualTo(new NativeMemory.Category("Internal", 269241L, 269241L, -995877L, -995877L));
        assertThat(c.get("Thread").reservedDiffBytes()).isEqualTo(5260952L);
        assertThat(c.get("Thread").committedDiffBytes()).isEqualTo(538264L);
        addsUp(s);
        List<NativeMemory.Category> ranked = s.byGrowth().categories();
        assertThat(ranked.get(0).name()).isEqualTo("Other");
        assertThat(ranked.get(ranked.size() - 1).name()).isEqualTo("Internal");
    }

    @Test
    void readsKilobytesAndMegabytesAtTheDefaultScales() throws Exception {
        NativeMemory.Summary kb = NativeMemory.parse(NativeMemoryTexts.JDK17_SUMMARY_KB, false);
        assertThat(kb.totalReservedBytes()).isEqualTo(1645436L * 1024);
        assertThat(kb.categories().get(0)).isEqualTo(new NativeMemory.Category("Java Heap", 128L << 20, 128L << 20, 0, 0));
        assertThat(kb.categories().get(1).committedBytes()).isEqualTo(1015L * 1024);
        NativeMemory.Summary diff = NativeMemory.parse(NativeMemoryTexts.JDK25_DIFF_KB, true);
        assertThat(diff.totalCommittedDiffBytes()).isEqualTo(74173L * 1024);
        assertThat(diff.categories().get(1)).isEqualTo(new NativeMemory.Category("Class", 1048779L * 1024, 1035L * 1024,
                133L * 1024, 837L * 1024));
        NativeMemory.Summary mb = NativeMemory.parse(NativeMemoryTexts.JDK17_SUMMARY_MB, false);
        assertThat(mb.totalCommittedBytes()).isEqualTo(263L << 20);
        assertThat(mb.categories().get(0).reservedBytes()).isEqualTo(128L << 20);
    }

    @Test
    void anAnswerWithoutTotalsSaysWhatTheJvmSaid() {
        assertThatThrownBy(() -> NativeMemory.parse("Native memory tracking is not enabled\n", false))
                .isInstanceOf(AttachFailedException.class)
                .hasMessageContaining("Native memory tracking is not enabled");
    }
}
