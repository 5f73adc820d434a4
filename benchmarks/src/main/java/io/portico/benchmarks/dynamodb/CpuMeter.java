package io.portico.benchmarks.dynamodb;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by the driver (this JVM) and by the server process (read from {@code /proc/<pid>/stat}
 * when its pid is known), so each figure says how the 2 cores were shared: a server near 2 cores is
 * the bottleneck, a driver taking a large share means the figure understates the server.
 */
final class CpuMeter {

    /** CPU seconds used so far; {@code server} is NaN when unknown. */
    record Reading(double driver, double server) {
    }

    /** {@code /proc} counts in clock ticks; Linux's USER_HZ is 100 on every common build. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long serverPid;

    /** @param serverPid the server's process id, or 0 if unknown (e.g. the in-process trivial endpoint) */
    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    Reading read() {
        double driver = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new Reading(driver, serverSeconds());
    }

    private double serverSeconds() {
        if (serverPid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            // fields after the command name (which may hold spaces) start after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after "pid (comm) "
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Load averages (1, 5, 15 min) as {@code /proc/loadavg} gives them, e.g. {@code "1.52 1.10 0.80"}. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
