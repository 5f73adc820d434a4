package io.portico.benchmarks.dynamodb;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where {@link ReceiptHandler} reports: a UDP socket on loopback and a thread that reads its datagrams
 * ({@code <n> <receipt epoch micros>} lines). Per record number it keeps the first receipt (a redelivery,
 * which at-least-once allows, is counted apart) and the moment the datagram arrived here, both as epoch
 * microseconds of the wall clock. Thread safe; one per measured configuration.
 */
final class ReceiptSink implements AutoCloseable {
    private final DatagramSocket socket;
    private final AtomicLongArray receipts;
    private final AtomicLongArray arrivals;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger redelivered = new AtomicInteger();
    private final Thread reader;

    /** A sink for records numbered 0 to {@code records - 1}. */
    ReceiptSink(int records) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(4 << 20); // a burst of BatchSize-1 invocations must not overflow it
        receipts = new AtomicLongArray(records);
        arrivals = new AtomicLongArray(records);
        reader = Thread.ofPlatform().daemon().name("receipt-sink").start(this::read);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** How many distinct records have been received. */
    int received() {
        return received.get();
    }

    int redelivered() {
        return redelivered.get();
    }

    /** When the handler got record {@code n} (epoch micros), 0 if not yet. */
    long receipt(int n) {
        return receipts.get(n);
    }

    /** When its report reached this sink (epoch micros), 0 if not yet. */
    long arrival(int n) {
        return arrivals.get(n);
    }

    private void read() {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            long arrived = StreamLatency.epochMicros();
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            for (String line : text.split("\n")) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    record(Integer.parseInt(line, 0, space, 10), Long.parseLong(line, space + 1, line.length(), 10),
                            arrived);
                }
            }
        }
    }

    private void record(int n, long receipt, long arrived) {
        if (n < 0 || n >= receipts.length()) {
            return;
        }
        if (receipts.compareAndSet(n, 0, receipt)) {
            arrivals.set(n, arrived);
            received.incrementAndGet();
        } else {
            redelivered.incrementAndGet();
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(1_000);
    }
}
