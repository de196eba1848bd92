package dev.heaptrail.heap.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One piece of work on a daemon thread of its own, so that independent phases of an analysis
 * use both cores; {@link #join} hands back its result, or its failure as if it had happened on
 * the caller's thread.
 */
public final class Background<T> {

    private final FutureTask<T> task;

    private Background(FutureTask<T> task) {
        this.task = task;
    }

    public static <T> Background<T> start(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread t = new Thread(task, "heaptrail-" + name);
        t.setDaemon(true);
        t.start();
        return new Background<>(task);
    }

    /** Waits for the work; rethrows what it threw (a checked IOException as UncheckedIOException). */
    public T join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the work cannot be abandoned half done: wait for it
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    if (cause instanceof IOException io) {
                        throw new UncheckedIOException(io.getMessage(), io);
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
