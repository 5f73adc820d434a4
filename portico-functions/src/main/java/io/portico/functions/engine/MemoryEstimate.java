package io.portico.functions.engine;

/**
 * The REPORT line's {@code Max Memory Used}. In-process environments share one heap, so there is no
 * per-function figure to read; this reports the JVM's used heap, capped at the function's memory size,
 * and is documented as an estimate.
 */
final class MemoryEstimate {

    private MemoryEstimate() {
    }

    static long usedMb(int memorySizeMb) {
        Runtime rt = Runtime.getRuntime();
        long used = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        return Math.max(1, Math.min(memorySizeMb, used));
    }
}
