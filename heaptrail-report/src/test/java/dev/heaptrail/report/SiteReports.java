package dev.heaptrail.report;

import dev.heaptrail.alloc.AllocationReport;
import dev.heaptrail.alloc.AllocationSite;
import dev.heaptrail.alloc.Frame;
import dev.heaptrail.alloc.RetentionStep;
import dev.heaptrail.alloc.Source;
import dev.heaptrail.alloc.SurvivingStack;
import dev.heaptrail.analysis.paths.PathStep;

import java.util.List;

/** Allocation reports built in code, as the readers of recordings fill them, for the renderers' tests. */
public final class SiteReports {

    public static final Frame REMEMBER = new Frame("com.shop.SessionStore", "remember", 42);
    public static final Frame DECODE = new Frame("com.shop.Codec", "decode", null);
    public static final Frame HANDLE = new Frame("com.shop.Api", "handle", 17);
    public static final Frame RUN = new Frame("java.lang.Thread", "run", 840);
    public static final Frame RENDER = new Frame("com.shop.Report", "render", 9);
    public static final Frame RESIZE = new Frame("java.util.HashMap", "resize", 700);
    public static final Frame REMEMBER_40 = new Frame("com.shop.SessionStore", "remember", 40);

    /** A class name as anything may name a class in a recording: it must show as text and run nothing. */
    public static final String HOSTILE = "<script>alert(1)</script>";
    public static final String HOSTILE_IMG = "<img src=x onerror=alert(2)>";
    public static final String HOSTILE_CLOSE = "</script><script>alert(3)</script><!--";

    private SiteReports() {}

    /** The chain from a static field to a session, JFR having left two links out before the map's table. */
    public static List<RetentionStep> chain() {
        return List.of(
                new RetentionStep(new PathStep(-1, 0x1000, "java.lang.Class", "static field", null, -1, false), 0),
                new RetentionStep(new PathStep(-1, 0x2000, "java.util.HashMap", null, "SESSIONS", -1, true), 0),
                new RetentionStep(new PathStep(-1, 0x3000, "java.util.HashMap$Node[]", null, "table", -1, false), 2),
                new RetentionStep(new PathStep(-1, 0x4000, "com.shop.Session", null, null, 5, false), 0));
    }

    /** Three sites: a leak with its chain, a line the recording does not know, a whole trace. */
    public static AllocationReport leak() {
        List<AllocationSite> sites = List.of(
                new AllocationSite(1, List.of(REMEMBER), 12_582_912L, 89_877L, 41, 1_572_864.0, "com.shop.Session", chain(), null),
                new AllocationSite(2, List.of(DECODE), 3_145_728L, 2_048L, 7, null, null, List.of(), null),
                new AllocationSite(3, List.of(RENDER, RUN), 4_096L, 32L, 2, 250_000_000.5, "char[]", List.of(), null));
        return new AllocationReport(sites, 12_345, 60.0, Source.JFR, "OpenJDK 64-Bit Server VM 17.0.15+6", true, stacks(),
                null, List.of("estimates from 41 old-object samples; a site with fewer than 3 is uncertain"));
    }

    /** The stacks behind {@link #leak()}: innermost frame first, as the model holds them. */
    public static List<SurvivingStack> stacks() {
        return List.of(
                new SurvivingStack(List.of(REMEMBER, HANDLE, RUN), 12_582_912),
                new SurvivingStack(List.of(DECODE, HANDLE, RUN), 3_145_728),
                new SurvivingStack(List.of(RESIZE, REMEMBER_40, HANDLE, RUN), 1_048_576),
                new SurvivingStack(List.of(RENDER, RUN), 4_096));
    }

    /** A recording without survivor samples: sites by allocation rate, surviving figures unknown, and no duration or JVM. */
    public static AllocationReport allocationOnly() {
        List<AllocationSite> sites = List.of(
                new AllocationSite(1, List.of(RENDER), null, null, 900, 125_829_120.0, "byte[]", List.of(), null));
        return new AllocationReport(sites, 900, null, Source.ASYNC_PROFILER, null, false,
                List.of(new SurvivingStack(List.of(RENDER, RUN), 7_549_747_200L)), null, List.of());
    }

    /** {@code --compare}: one site grows, one shrinks. */
    public static AllocationReport compared() {
        List<AllocationSite> sites = List.of(
                new AllocationSite(1, List.of(REMEMBER), 12_582_912L, 89_877L, 41, 1_572_864.0, "com.shop.Session", List.of(),
                        new AllocationSite.Growth(2_097_152L, 14_979L, true)),
                new AllocationSite(2, List.of(DECODE), 3_145_728L, 2_048L, 7, 8_192.0, "byte[]", List.of(),
                        new AllocationSite.Growth(-300L, -2L, false)));
        return new AllocationReport(sites, 12_345, 60.0, Source.JFR, "OpenJDK 64-Bit Server VM 17.0.15+6", true, stacks(),
                "before.jfr", List.of());
    }

    /** Strings that would be markup or script if a page wrote them as such: in frames, classes, paths and notes. */
    public static AllocationReport hostile() {
        Frame evil = new Frame(HOSTILE, "<b>run</b>", 1);
        Frame img = new Frame(HOSTILE_IMG, "x", null);
        Frame close = new Frame(HOSTILE_CLOSE, "y", 2);
        List<RetentionStep> chain = List.of(
                new RetentionStep(new PathStep(-1, 0x10, HOSTILE_IMG, "static field", null, -1, false), 0),
                new RetentionStep(new PathStep(-1, 0x20, HOSTILE, null, "<i>field</i>", -1, false), 1));
        List<AllocationSite> sites = List.of(
                new AllocationSite(1, List.of(evil), 2_000_000L, 10L, 5, 100.0, HOSTILE, chain, null),
                new AllocationSite(2, List.of(img), 1_000_000L, 5L, 3, 50.0, HOSTILE_CLOSE, List.of(), null),
                new AllocationSite(3, List.of(close), 500_000L, 2L, 2, 25.0, "a & b \"quoted\" 'single'", List.of(), null));
        List<SurvivingStack> stacks = List.of(
                new SurvivingStack(List.of(evil, RUN), 2_000_000),
                new SurvivingStack(List.of(img, RUN), 1_000_000),
                new SurvivingStack(List.of(close, RUN), 500_000));
        return new AllocationReport(sites, 10, 1.0, Source.JFR, HOSTILE, true, stacks, null, List.of(HOSTILE_IMG));
    }
}
