package dev.heaptrail.live.watch;

import dev.heaptrail.live.trend.Trend;
import dev.heaptrail.live.trend.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hysteresis for a verdict judged again and again on a sliding window (the agent's). Every judgement
 * is made afresh, and on a few block minima one minimum out of order, or a stretch left without a
 * collection, turns a leak into "no significant rise" or "too few floors" for a step or two while
 * the floor keeps rising: an alert that must see the leak for a minute never fires. So a leak, once
 * called, holds until the evidence turns: the slope's 95 % interval over the window reaches zero
 * (the floor is flat or falls), the rise levels off in the second half of the window (the rule that
 * keeps a warming cache from being called a leak: a warm-up called one while it still rose is let go
 * as soon as the fresh verdict would say so, not a whole window later), or the floor's level falls
 * back below where it was when the leak was called. A dip the floor does not stay down after moves
 * none of these (all are made of block minima, medians and ranks), and a judgement with too few
 * floors to say anything changes nothing.
 */
public final class LeakLatch {

    /**
     * Block minima a leak is first called on. On the least the tests take (6), Mann–Kendall is
     * significant only when every minimum is above the one before, with one or two floors a
     * stretch: one noisy floor calls a leak, the next takes it back. From 7 on, a minimum out of
     * order is allowed, and it takes the agent 14 floors (70 s at its 5-second interval).
     */
    static final int RAISE_BLOCKS = 7;

    private Area area;
    private String signal;
    private double raisedLevel = Double.NaN;
    private String released;

    /** The verdict to publish, given this step's fresh one. */
    public WatchVerdict update(WatchVerdict fresh) {
        released = null;
        if (fresh.verdict() == Verdict.LEAK && (area != null || fresh.trend().blocks() >= RAISE_BLOCKS)) {
            if (area != fresh.growingIn()) {
                area = fresh.growingIn();
                anchor(fresh.lead());
            }
            return fresh;
        }
        if (area == null) {
            return fresh.verdict() == Verdict.LEAK ? notYet(fresh) : fresh;
        }
        AreaTrend now = fresh.areas().stream().filter(a -> a.area() == area).findFirst().orElse(null);
        if (now == null || !now.judged() || !now.trend().judged()) {
            return held(fresh, now, "too few floors to judge now");
        }
        if (!now.signal().equals(signal)) {
            anchor(now); // another floor (young to mixed, say) sits at another level: compare like with like
        }
        Trend t = now.trend();
        if (!(t.slopeLow() > 0)) {
            return release(fresh, String.format(Locale.ROOT, "the slope's 95 %% interval reaches zero (%s to %s)",
                    mib(t.slopeLow()) + "/h", mib(t.slopeHigh()) + "/h"));
        }
        if (!t.persists()) { // the rule that keeps a warming cache from being called: one called early is let go
            return release(fresh, "the rise levelled off in the second half of the window ("
                    + mib(t.lateSlopeBytesPerHour()) + "/h)");
        }
        if (t.levelBytes() < raisedLevel) {
            return release(fresh, "the floor fell back to " + mib(t.levelBytes()) + ", below the " + mib(raisedLevel)
                    + " it was at when the leak was called");
        }
        return held(fresh, now, "the floor still rises (" + t.reason() + ")");
    }

    /** Whether a leak is being held, raised or not released yet. */
    public boolean raised() {
        return area != null;
    }

    /** Why the last step released a held leak, null when it did not. */
    public String released() {
        return released;
    }

    /** A leak on too few minima to hold: the main area's verdict is published meanwhile. */
    private static WatchVerdict notYet(WatchVerdict fresh) {
        AreaTrend main = fresh.areas().get(0);
        List<String> notes = new ArrayList<>(fresh.notes());
        notes.add("a rise in " + fresh.growingIn().label() + " on only " + fresh.trend().blocks()
                + " block minima: not called a leak before " + RAISE_BLOCKS);
        return new WatchVerdict(Verdict.INCONCLUSIVE, null, main, fresh.areas(), notes);
    }

    private void anchor(AreaTrend a) {
        signal = a.signal();
        raisedLevel = a.trend().levelBytes();
    }

    private WatchVerdict release(WatchVerdict fresh, String why) {
        area = null;
        signal = null;
        raisedLevel = Double.NaN;
        released = why;
        return fresh;
    }

    private WatchVerdict held(WatchVerdict fresh, AreaTrend now, String why) {
        AreaTrend lead = now == null ? fresh.lead() : projected(now);
        List<String> notes = new ArrayList<>(fresh.notes());
        notes.add("leak in " + area.label() + " held: " + why);
        return new WatchVerdict(Verdict.LEAK, area, lead, fresh.areas(), notes);
    }

    /** The area with its time to the limit at the current slope, which a fresh verdict short of a leak leaves out. */
    private static AreaTrend projected(AreaTrend a) {
        Trend t = a.trend();
        Double toLimit = a.timeToLimitSeconds();
        if (toLimit == null && t.slopeBytesPerHour() > 0 && a.limitBytes() > 0 && !Double.isNaN(t.levelBytes())) {
            toLimit = Math.max(0, (a.limitBytes() - t.levelBytes()) / t.slopeBytesPerHour() * 3600);
        }
        return new AreaTrend(a.area(), a.signal(), t, a.limitBytes(), a.limitName(), toLimit, a.judged());
    }

    private static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1 << 20));
    }
}
