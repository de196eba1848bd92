package dev.heaptrail.report;

import java.time.Duration;
import java.util.List;

/**
 * {@code heaptrail growth}: the classes whose live instances grew over a series of histograms.
 *
 * @param shown the classes shown, most bytes grown first
 * @param grew  how many classes grew in all (more than shown when --top cut the list)
 */
public record GrowthResult(long pid, int samples, Duration interval, List<ClassGrowth> shown, int grew) {

    public GrowthResult {
        shown = List.copyOf(shown);
    }

    /** A class across the samples: its live instances and bytes at each, oldest first. */
    public record ClassGrowth(String className, long[] instances, long[] bytes, boolean grewEverySample) {

        public long lastInstances() {
            return instances[instances.length - 1];
        }

        public long lastBytes() {
            return bytes[bytes.length - 1];
        }

        public long instancesGrowth() {
            return lastInstances() - instances[0];
        }

        public long bytesGrowth() {
            return lastBytes() - bytes[0];
        }
    }
}
