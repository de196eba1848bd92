package dev.heaptrail.analysis.diff;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.PathSignature;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DumpDiffTest {

    private static DumpDiff.Group group(String key, long bytes, String dominant, long instances) {
        return new DumpDiff.Group(new PathSignature(key), List.of(), bytes, dominant, instances, LeakPattern.COLLECTION);
    }

    @Test
    void rankedByGrowthNotSizeWithEdgesOfTheThresholdHandled() {
        // heaps of 10 MB and 12 MB: 1 % is 100,000 and 120,000 bytes; each dump searched down to half that
        DumpDiff.Groups before = new DumpDiff.Groups(List.of(
                group("catalog", 4_500_000, "Item", 3000),
                group("registry", 2_000_000, "Metric", 1000),
                group("edge", 107_000, "Node", 10),
                group("went", 300_000, "Old", 5),
                group("tiny", 60_000, "Tiny", 1)), 10_000_000);
        DumpDiff.Groups after = new DumpDiff.Groups(List.of(
                group("catalog", 4_500_000, "Item", 3000),
                group("registry", 5_400_000, "Metric", 4000),
                group("edge", 107_000, "Node", 10), // 0.89 % of the later heap: still found, still the same
                group("fresh", 500_000, "Fresh", 50),
                group("tiny", 61_000, "Tiny", 1)), 12_000_000);
        DumpDiff d = DumpDiff.of(before, after);
        assertThat(d.groups()).extracting(DumpDiff.GroupChange::signature)
                .containsExactly("registry", "fresh", "catalog", "edge", "went"); // tiny: under 1 % in both
        DumpDiff.GroupChange registry = d.groups().get(0);
        assertThat(registry.growthBytes()).isEqualTo(3_400_000);
        assertThat(registry.growthObjects()).isEqualTo(3000);
        assertThat(registry.sureGrowthBytes()).isEqualTo(3_400_000);
        DumpDiff.GroupChange fresh = d.groups().get(1);
        assertThat(fresh.before()).isNull();
        assertThat(fresh.growthBytes()).isEqualTo(500_000);
        assertThat(fresh.sureGrowthBytes()).as("it may have held up to 0.5 % before").isEqualTo(450_000);
        assertThat(d.groups().get(3).growthBytes()).isZero();
        assertThat(d.groups().get(4).after()).isNull();
        assertThat(d.groups().get(4).growthBytes()).isEqualTo(-300_000);
    }

    @Test
    void severalHeldTheSameWayInOneDumpAreOneStructure() {
        DumpDiff.Groups before = new DumpDiff.Groups(List.of(group("pool", 200_000, "Buf", 2)), 1_000_000);
        DumpDiff.Groups after = new DumpDiff.Groups(List.of(group("pool", 200_000, "Buf", 2), group("pool", 300_000, "Buf", 3)),
                1_000_000);
        DumpDiff.GroupChange pool = DumpDiff.of(before, after).groups().get(0);
        assertThat(pool.retainedAfter()).isEqualTo(500_000);
        assertThat(pool.growthObjects()).isEqualTo(3);
    }
}
