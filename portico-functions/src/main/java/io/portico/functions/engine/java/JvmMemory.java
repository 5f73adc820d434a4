package io.portico.functions.engine.java;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HeapGuard}'s figures from this JVM's management beans: per-thread allocation from
 * HotSpot's {@code com.sun.management.ThreadMXBean}, the heap in use after each collection from the
 * collectors' notifications, and after the latest one from their last {@code GcInfo} (either is the sum
 * of the heap pools' usage after it, which a young collection reports as faithfully as a full one). On a JVM without per-thread allocation counts, allocations
 * read as unknown and the guard acts on the heap ceiling alone. Thread safe.
 */
final class JvmMemory implements HeapGuard.Memory {
    private static final Logger LOG = LoggerFactory.getLogger(JvmMemory.class);

    private final com.sun.management.ThreadMXBean threads;
    private final Set<String> heapPools;

    private JvmMemory(com.sun.management.ThreadMXBean threads, Set<String> heapPools) {
        this.threads = threads;
        this.heapPools = heapPools;
    }

    static JvmMemory create() {
        com.sun.management.ThreadMXBean threads = null;
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hotspot
                && hotspot.isThreadAllocatedMemorySupported()) {
            hotspot.setThreadAllocatedMemoryEnabled(true);
            threads = hotspot;
        }
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        return new JvmMemory(threads, heapPools);
    }

    @Override
    public long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public long heapAfterLatestGc() {
        GcInfo latest = null;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof com.sun.management.GarbageCollectorMXBean hotspot
                    && hotspot.getLastGcInfo() instanceof GcInfo info && (latest == null || info.getEndTime() > latest.getEndTime())) {
                latest = info;
            }
        }
        return latest == null ? ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                : heapIn(latest.getMemoryUsageAfterGc());
    }

    @Override
    public long allocatedBy(Thread thread) {
        if (threads == null) {
            return -1;
        }
        return thread == Thread.currentThread() ? threads.getCurrentThreadAllocatedBytes()
                : threads.getThreadAllocatedBytes(thread.threadId());
    }

    @Override
    public Runnable subscribe(LongConsumer afterGc) {
        NotificationListener listener = (notification, handback) -> deliver(notification, afterGc);
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        return () -> emitters.forEach(emitter -> {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // removed already
            }
        });
    }

    private void deliver(Notification notification, LongConsumer afterGc) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        try {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            afterGc.accept(heapIn(info.getGcInfo().getMemoryUsageAfterGc()));
        } catch (RuntimeException e) {
            // The notification thread serves the whole JVM: a failure here must not end it.
            LOG.warn("The heap guard could not read a garbage collection", e);
        }
    }

    private long heapIn(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }
}
