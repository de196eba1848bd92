package dev.heaptrail.hprof;

/** Told how far a read has come, a few times a second at most; must be cheap and not throw. */
@FunctionalInterface
public interface ReadProgress {

    ReadProgress NONE = (done, total) -> {};

    /**
     * @param bytesDone bytes of the file consumed so far (compressed bytes for a gzip file)
     * @param bytesTotal the file's size on disk
     */
    void update(long bytesDone, long bytesTotal);
}
