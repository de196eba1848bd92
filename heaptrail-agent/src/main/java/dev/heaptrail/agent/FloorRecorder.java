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
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private GcFloor lowest;
    private GcFloor lowestReclaiming;
    private long lastAfter = -1;
    private long allocated;
    private long collections;

    FloorRecorder(JvmSampler sampler) {
        this.sampler = sampler;
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
            synchronized (this) {
                collections++;
                if (lastAfter >= 0 && before > lastAfter) {
                    allocated += before - lastAfter;
                }
                lastAfter = floor.heapAfterBytes();
                if (lowest == null || floor.heapAfterBytes() < lowest.heapAfterBytes()) {
                    lowest = floor;
                }
                if (floor.reclaimedOldSpace()
                        && (lowestReclaiming == null || floor.heapAfterBytes() < lowestReclaiming.heapAfterBytes())) {
                    lowestReclaiming = floor;
                }
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
        Heard h = new Heard(floors, allocated, collections);
        lowest = null;
        lowestReclaiming = null;
        allocated = 0;
        collections = 0;
        return h;
    }

    record Heard(List<GcFloor> floors, long allocatedBytes, long collections) {}
}
