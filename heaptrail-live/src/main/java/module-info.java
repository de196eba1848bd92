/**
 * Running processes: /proc, attach, heap dumps, NMT, the trend statistics and the watch's judgement.
 */
module dev.heaptrail.live {
    // the API speaks the JDK's own types: MBeanServerConnection (JvmConnection.server(), JvmSampler,
    // NativeMemory), GcInfo (JvmSampler.floor), the attach API's exceptions (JvmConnection.loadAgent)
    requires transitive java.management;
    requires transitive jdk.management;
    requires transitive jdk.attach;

    exports dev.heaptrail.live;
    exports dev.heaptrail.live.trend;
    exports dev.heaptrail.live.watch;
}
