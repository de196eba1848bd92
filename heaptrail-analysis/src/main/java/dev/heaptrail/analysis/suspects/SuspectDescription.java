package dev.heaptrail.analysis.suspects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A suspect in words: the line that names it, and how to capture less in a listener. */
final class SuspectDescription {

    private SuspectDescription() {}

    /** One line for people. */
    static String description(LeakSuspect s) {
        if (s.pattern().id().equals(LeakPattern.FINALIZER_BACKLOG.id()) && s.dominantInstances() > 0) {
            return String.format(Locale.ROOT, "%,d %s objects wait for their finalize() and hold %.1f %% of the heap"
                    + " (%,d references in the finalizer's queue)%s", s.dominantInstances(), s.dominantClass(), s.retainedPercent(), s.elements(),
                    s.blockedIn() != null ? "; the finalizer thread is stuck in " + s.blockedIn() : "");
        }
        if (s.pattern().id().equals(LeakPattern.REFERENCE_QUEUE_BACKLOG.id()) && s.dominantInstances() > 0) {
            return String.format(Locale.ROOT, "%,d references wait in a %s and hold %.1f %% of the heap through %,d %s objects%s",
                    s.elements(), s.kind(), s.retainedPercent(), s.dominantInstances(), s.dominantClass(),
                    s.blockedIn() != null ? "; the thread that drains it is stuck in " + s.blockedIn() : "");
        }
        if (s.loaderGroup() != null) {
            return String.format(Locale.ROOT, "%,d class loaders of %s, each with its own copy of %s, retain %.1f %% of the heap",
                    s.loaderGroup().loaders(), s.kind(), s.loaderGroup().duplicatedClass(), s.retainedPercent())
                    + (s.thread() != null ? " (the largest held by thread " + s.thread() + ")" : "");
        }
        if (s.linkedChain() != null && s.spread() == null) {
            int n = s.path().size();
            String from = n >= 2 && s.path().get(n - 1).field() != null
                    ? " under " + simple(s.path().get(n - 2).className()) + "." + s.path().get(n - 1).field() : "";
            return String.format(Locale.ROOT, "%s%s retains %.1f %% of the heap", s.linkedChain().nodesInWords(), from, s.retainedPercent());
        }
        String holder = s.spread() != null && s.threadLocal() != null
                ? String.format(Locale.ROOT, "the values of ThreadLocal %s in %,d threads (%s each)", s.threadLocal(),
                        s.spread().members().size(), s.kind())
                : s.spread() != null
                ? String.format(Locale.ROOT, "%,d %s objects, each under %s,", s.spread().members().size(), s.kind(), s.spread().anchor())
                : s.threadLocal() != null
                ? "the value of ThreadLocal " + s.threadLocal() + (s.thread() != null ? " in thread " + s.thread() : "") + " (" + s.kind() + ")"
                : s.path().size() >= 2 && s.path().get(s.path().size() - 1).isStatic()
                ? "static field " + simple(s.path().get(s.path().size() - 2).className()) + "." + s.path().get(s.path().size() - 1).field() + " ("
                        + s.kind() + ")"
                : s.kind();
        String many = s.dominantInstances() > 0
                ? String.format(Locale.ROOT, " in %,d %s objects", s.dominantInstances(), s.dominantClass())
                : "";
        return String.format(Locale.ROOT, "%s retain%s %.1f %% of the heap%s%s", holder, s.spread() != null ? "" : "s",
                s.retainedPercent(), many,
                s.elements() >= 0 ? String.format(Locale.ROOT, " (%,d elements)", s.elements()) : "");
    }

    /** See {@link LeakSuspect#captureAdvice()}. */
    static List<String> captureAdvice(LeakSuspect s) {
        List<String> advice = new ArrayList<>();
        for (LeakSuspect.Capture c : s.captured()) {
            if (c.field().startsWith("this$")) {
                advice.add("make " + simple(s.dominantClass()) + " a static nested class (pass it only what it uses): through "
                        + c.field() + " each one keeps its " + simple(c.className()) + " alive");
            } else if (c.field().matches("arg\\$\\d+")) {
                advice.add("capture less in " + simple(s.dominantClass()) + ": " + c.field() + " keeps a whole " + c.className()
                        + "; read the values the lambda needs into locals before making it");
            }
        }
        return List.copyOf(advice);
    }

    private static String simple(String className) {
        String c = className.startsWith("class ") ? className.substring(6) : className;
        int dot = c.lastIndexOf('.');
        return dot < 0 ? c : c.substring(dot + 1);
    }
}
