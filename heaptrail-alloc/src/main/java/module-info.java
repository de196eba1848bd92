/**
 * Where surviving memory was allocated: allocation sites read from JFR recordings, and the
 * profiling of a running JVM (async-profiler where its library loads, JDK Flight Recorder elsewhere).
 */
module dev.heaptrail.alloc {
    // a site's retention path is made of analysis's PathSteps, so that it reads as analyze's paths do
    requires transitive dev.heaptrail.analysis;
    requires transitive dev.heaptrail.live;
    requires jdk.jfr;
    requires it.unimi.dsi.fastutil.core;

    exports dev.heaptrail.alloc;
    exports dev.heaptrail.alloc.profile;
}
