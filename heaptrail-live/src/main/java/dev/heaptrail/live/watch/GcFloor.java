package dev.heaptrail.live.watch;

/**
 * The heap right after one collection: the floor a leak raises.
 *
 * @param epochMillis         when the collection ended
 * @param heapAfterBytes      heap in use after it, all pools
 * @param oldGenAfterBytes    the old generation after it (-1 when the collector has none)
 * @param reclaimedOldSpace   whether it freed old space: a full or mixed collection, whose floor is
 *                            honest; a young collection's floor also rises by what it promotes
 * @param forced              run by {@code --gc-every} (a full collection asked for)
 */
public record GcFloor(long epochMillis, long heapAfterBytes, long oldGenAfterBytes, boolean reclaimedOldSpace,
                      boolean forced) {}
