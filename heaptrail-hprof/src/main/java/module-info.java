/**
 * The HPROF format as types and its streaming reader. The parsers behind the reader
 * ({@code dev.heaptrail.hprof.internal}) are not exported: callers get records, never the code
 * that cuts them out of the bytes.
 */
module dev.heaptrail.hprof {
    exports dev.heaptrail.hprof;
}
