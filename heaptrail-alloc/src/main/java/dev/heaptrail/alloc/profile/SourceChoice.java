package dev.heaptrail.alloc.profile;

/** Which profiler {@link AllocationProfiler} runs in the target. */
public enum SourceChoice {
    /** async-profiler where its library loads in the target (Linux x64 and arm64, macOS), JFR otherwise. */
    AUTO,
    /** async-profiler (with a JFR recording beside it for reference chains, where the target has JFR); fails where it does not load. */
    ASYNC_PROFILER,
    /** JDK Flight Recorder alone; fails on a JVM without it. */
    JFR
}
