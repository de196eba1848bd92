package dev.heaptrail.agent;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.heaptrail.live.watch.GcFloor;
import dev.heaptrail.live.watch.JvmSampler;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Hears every collection through GC notifications (no polling) and keeps, until the next read,
 * the two floors the trend needs: the lowest heap after any collection and the lowest after one
 * that freed old space. Two records whatever the collection rate: bounded memory, and nothing but
 * a comparison on the JVM's notification thread. Also adds up what was allocated between
 * collections (heap before one minus heap after the previous).
 */
final class FloorRecorder implements NotificationListener {

    private final JvmSampler sampler;
    private final long highWaterBytes;
    private final Runnable onHighWater;
    private boolean aboveHighWater;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private GcFloor lowest;
    private GcFloor lowestReclaiming;
    private GcFloor latest;
    private long lastAfter = -1;
    private long allocated;
    private long collections;

    /**
     * {@code onHighWater} runs (on the notification thread: it must only hand work over) when a
     * floor first rises above {@code highWaterBytes}; again only after it fell below.
     */
    FloorRecorder(JvmSampler sampler, long highWaterBytes, Runnable onHighWater) {
        this.sampler = sampler;
        this.highWaterBytes = highWaterBytes;
        this.onHighWater = onHighWater;
    }

    void start() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    void stop() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(this);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // never added: nothing to remove
            }
        }
        emitters.clear();
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        try {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            GcFloor floor = sampler.floor(info.getGcInfo());
            long before = info.getGcInfo().getMemoryUsageBeforeGc().entrySet().stream()
                    .filter(e -> sampler.isHeapPool(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
            boolean crossed;
            synchronized (this) {
                boolean above = highWaterBytes > 0 && floor.heapAfterBytes() > highWaterBytes;
                crossed = above && !aboveHighWater;
                aboveHighWater = above;
                collections++;
                if (lastAfter >= 0 && before > lastAfter) {
                    allocated += before - lastAfter;
                }
                lastAfter = floor.heapAfterBytes();
                latest = floor;
                if (lowest == null || floor.heapAfterBytes() < lowest.heapAfterBytes()) {
                    lowest = floor;
                }
                if (floor.reclaimedOldSpace()
                        && (lowestReclaiming == null || floor.heapAfterBytes() < lowestReclaiming.heapAfterBytes())) {
                    lowestReclaiming = floor;
                }
            }
            if (crossed) {
                onHighWater.run(); // an OutOfMemoryError may be seconds away: evidence now, not at the next interval
            }
        } catch (RuntimeException e) {
            // a notification the JDK shaped otherwise: this floor is lost, the application is not harmed
        }
    }

    /** What was heard since the last call: the floors, the bytes allocated, the collections. */
    synchronized Heard take() {
        List<GcFloor> floors = new ArrayList<>(2);
        if (lowest != null) {
            floors.add(lowest);
        }
        if (lowestReclaiming != null && lowestReclaiming != lowest) {
            floors.add(lowestReclaiming);
        }
        floors.sort(java.util.Comparator.comparingLong(GcFloor::epochMillis));
        Heard h = new Heard(floors, latest, allocated, collections);
        lowest = null;
        lowestReclaiming = null;
        allocated = 0;
        collections = 0;
        return h;
    }

    /** {@code latest}: the most recent collection's floor (kept across reads), null before any. */
    record Heard(List<GcFloor> floors, GcFloor latest, long allocatedBytes, long collections) {}
}
