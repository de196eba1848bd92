package dev.heaptrail.analysis.suspects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Orders suspects by what they retain weighed by how leak-like they are (a known pattern before a
 * pile-up twice its size; see {@link LeakShape.Evidence}), and says why, naming the neighbour that
 * size alone would have put the other way round.
 */
final class SuspectRanking {

    private SuspectRanking() {}

    static double score(LeakSuspect s) {
        return s.retainedPercent() * s.shape().evidence().weight();
    }

    /** The suspects ranked, the first {@code max} of them, numbered from 1. */
    static List<LeakSuspect> rank(List<LeakSuspect> suspects, int max) {
        List<LeakSuspect> order = new ArrayList<>(suspects);
        order.sort(Comparator.comparingDouble(SuspectRanking::score).reversed()
                .thenComparing(Comparator.comparingLong(LeakSuspect::retainedBytes).reversed())
                .thenComparingLong(LeakSuspect::accumulationPoint));
        List<LeakSuspect> ranked = new ArrayList<>();
        for (int i = 0; i < Math.min(max, order.size()); i++) {
            ranked.add(order.get(i).ranked(i + 1, new LeakSuspect.Ranking(score(order.get(i)), why(order, i, max))));
        }
        return ranked;
    }

    private static String why(List<LeakSuspect> order, int i, int max) {
        LeakSuspect s = order.get(i);
        LeakShape.Evidence evidence = s.shape().evidence();
        StringBuilder why = new StringBuilder(String.format(Locale.ROOT, "%.1f = %.1f %% of the heap × %s (%s)", score(s),
                s.retainedPercent(), weight(evidence), evidence.label()));
        for (int j = 0; j < Math.min(max, order.size()); j++) {
            LeakSuspect o = order.get(j);
            if (j > i && o.retainedBytes() > s.retainedBytes()) {
                why.append(String.format(Locale.ROOT, "; above #%d, which retains more (%.1f %%) but shows %s", j + 1,
                        o.retainedPercent(), o.shape().evidence().label()));
                break;
            }
            if (j < i && o.retainedBytes() < s.retainedBytes()) {
                why.append(String.format(Locale.ROOT, "; below #%d, which retains less (%.1f %%) but shows %s", j + 1,
                        o.retainedPercent(), o.shape().evidence().label()));
                break;
            }
        }
        return why.toString();
    }

    private static String weight(LeakShape.Evidence e) {
        double w = e.weight();
        return w == Math.rint(w) ? String.valueOf((long) w) : String.valueOf(w);
    }
}
