package dev.heaptrail.alloc;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What one site is, from a stack and the options: by line or method, the first frame that is
 * neither the JDK's nor matched by {@code --skip} (so a leak through {@code HashMap.put} names its
 * caller); by trace, the stack from that frame outwards, cut to {@code --depth}.
 */
final class SiteKeys {

    private final GroupBy groupBy;
    private final int depth;
    private final Pattern skip;
    private final Pattern filter;

    SiteKeys(SiteOptions options) {
        this.groupBy = options.groupBy();
        this.depth = Math.max(1, options.depth());
        this.skip = options.skip();
        this.filter = options.filter();
    }

    /** The site's frames (innermost first), or null when {@code --filter} leaves the stack out. */
    List<Frame> siteOf(List<Frame> stack) {
        if (stack.isEmpty()) {
            return filter == null ? List.of(UNKNOWN) : null;
        }
        if (filter != null && stack.stream().noneMatch(f -> filter.matcher(f.describe()).find())) {
            return null;
        }
        int at = firstOwn(stack);
        Frame frame = stack.get(at);
        return switch (groupBy) {
            case LINE -> List.of(frame);
            case METHOD -> List.of(new Frame(frame.className(), frame.method(), null));
            case TRACE -> stack.subList(at, Math.min(stack.size(), at + depth));
        };
    }

    /** The stack a flame graph draws: whole, cut to {@code --depth} frames as JFR cuts (keeping the innermost). */
    List<Frame> flameStackOf(List<Frame> stack) {
        return stack.size() <= depth ? stack : stack.subList(0, depth);
    }

    private int firstOwn(List<Frame> stack) {
        for (int i = 0; i < stack.size(); i++) {
            Frame f = stack.get(i);
            if (!f.isJdk() && (skip == null || !skip.matcher(f.describe()).find())) {
                return i;
            }
        }
        return 0; // the JDK's own work (a thread of its own): name the innermost frame
    }

    /** The site of samples recorded without a stack. */
    static final Frame UNKNOWN = new Frame("<no stack>", "<unknown>", null);
}
