/**
 * One record per command result and one renderer per result and format.
 */
module dev.heaptrail.report {
    // results carry analysis, heap and live types
    requires transitive dev.heaptrail.analysis;
    requires transitive dev.heaptrail.heap;
    requires transitive dev.heaptrail.live;
    // alloc and sites: their result wraps alloc's AllocationReport
    requires transitive dev.heaptrail.alloc;
    requires dev.heaptrail.hprof;
    // the json renderers write to a JsonGenerator (the streaming API; no data binding)
    requires transitive com.fasterxml.jackson.core;

    exports dev.heaptrail.report;
    exports dev.heaptrail.report.csv;
    exports dev.heaptrail.report.dot;
    exports dev.heaptrail.report.html;
    exports dev.heaptrail.report.json;
    exports dev.heaptrail.report.text;
}
