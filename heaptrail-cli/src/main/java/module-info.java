/**
 * The heaptrail command. The top of the layers: it may use every module but testkit, and nothing
 * uses it, so it exports nothing.
 */
module dev.heaptrail.cli {
    requires dev.heaptrail.hprof;
    requires dev.heaptrail.heap;
    requires dev.heaptrail.analysis;
    requires dev.heaptrail.live;
    requires dev.heaptrail.alloc;
    requires dev.heaptrail.report;
    requires dev.heaptrail.demo;
    requires info.picocli;
    // diff reads histograms saved by histo --format json
    requires com.fasterxml.jackson.databind;
    requires java.management;
    // Interrupts: sun.misc.Signal, so that Ctrl-C ends a watch with its verdict
    requires jdk.unsupported;

    // picocli reads the commands' and mixins' annotated fields and builds them by reflection
    opens dev.heaptrail.cli to info.picocli;
}
