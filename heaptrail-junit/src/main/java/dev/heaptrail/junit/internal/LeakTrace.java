package dev.heaptrail.junit.internal;

import dev.heaptrail.analysis.paths.PathStep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The path from a GC root to a leaking object, as {@code heaptrail path} prints it, and its
 * signature: a hash of the classes and fields along it, without addresses, array indexes, thread
 * names or the numbers the JVM gives lambdas and hidden classes, so that one leak has one
 * signature across runs and machines.
 */
public record LeakTrace(List<PathStep> steps) {

    public LeakTrace {
        steps = List.copyOf(steps);
    }

    /** One line a step, root first. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (PathStep s : steps) {
            b.append(s.describe()).append('\n');
        }
        return b.toString();
    }

    /** The static field, ThreadLocal or field that holds the leak, nearest the root first: what the failure names. */
    public String holder() {
        for (PathStep s : steps) {
            if (s.threadLocal() != null) {
                return "ThreadLocal " + s.threadLocal() + (steps.get(0).thread() != null ? " of thread " + steps.get(0).thread() : "");
            }
        }
        for (int i = steps.size() - 1; i >= 1; i--) {
            PathStep s = steps.get(i);
            if (s.isStatic()) {
                return "static field " + simple(steps.get(i - 1).className()) + "." + s.field();
            }
        }
        PathStep root = steps.isEmpty() ? null : steps.get(0);
        return root == null ? "nothing (unreachable)" : root.thread() != null ? "thread " + root.thread() : root.className();
    }

    /**
     * 12 hex digits of a SHA-256 over the classes and fields from the holder down: from the class
     * whose static field holds the leak, or from the ThreadLocal's entry; the whole path when there
     * is neither. The way to the holder (a test's frame, a class loader's list) differs from run
     * to run and is left out.
     */
    public String signature() {
        StringBuilder b = new StringBuilder();
        for (PathStep s : steps.subList(holderStep(), steps.size())) {
            b.append(stable(s.className())).append(s.field() != null ? "." + s.field() : s.index() >= 0 ? "[]" : "")
                    .append(s.threadLocal() != null ? "#" + s.threadLocal() : "")
                    .append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Where the holder's part of the path begins. */
    private int holderStep() {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).threadLocal() != null) {
                return i;
            }
        }
        for (int i = steps.size() - 1; i >= 1; i--) {
            if (steps.get(i).isStatic()) {
                return i - 1;
            }
        }
        return 0;
    }

    /** A class name without what differs from run to run: {@code Foo$$Lambda$123/0x0800...} → {@code Foo$$Lambda}. */
    static String stable(String className) {
        return className.replaceAll("/0x[0-9a-fA-F]+", "").replaceAll("\\$\\$Lambda\\$\\d+", "\\$\\$Lambda")
                .replaceAll("\\$\\$Lambda/\\d+", "\\$\\$Lambda");
    }

    private static String simple(String className) {
        String c = className.startsWith("class ") ? className.substring(6) : className;
        return c.substring(c.lastIndexOf('.') + 1);
    }
}
