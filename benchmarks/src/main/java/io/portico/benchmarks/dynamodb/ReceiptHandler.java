package io.portico.benchmarks.dynamodb;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The function of the write-to-handler latency workload ({@link StreamLatency}): deployed to Portico in a
 * zip of this one class, triggered by the table's stream. The first thing it does with an event is read the
 * wall clock ({@link Instant#now()}, microseconds on Linux); then it finds the sequence number the driver put
 * in each record's key ({@value #KEY_PREFIX}{@code <n>}) and sends one UDP datagram to the driver on
 * loopback (port from the {@code RECEIPT_PORT} variable): a line {@code <n> <receipt epoch micros>} per record.
 *
 * <p>Self-contained on purpose: the zip holds only this class (no JSON library); the Lambda interfaces are
 * the runtime's, as on AWS. One instance per execution environment, invoked one event at a time.
 */
public final class ReceiptHandler implements RequestStreamHandler {
    /** What every key the driver writes starts with; the sequence number follows. */
    static final String KEY_PREFIX = "lat-";
    private DatagramSocket socket;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Instant received = Instant.now();
        long micros = received.getEpochSecond() * 1_000_000L + received.getNano() / 1_000;
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        StringBuilder lines = new StringBuilder();
        String last = "";
        for (int at = event.indexOf(KEY_PREFIX); at >= 0; at = event.indexOf(KEY_PREFIX, at + 1)) {
            int end = at + KEY_PREFIX.length();
            while (end < event.length() && Character.isDigit(event.charAt(end))) {
                end++;
            }
            String sequence = event.substring(at + KEY_PREFIX.length(), end);
            if (!sequence.isEmpty() && !sequence.equals(last)) { // a record names its key twice (Keys, NewImage)
                lines.append(sequence).append(' ').append(micros).append('\n');
                last = sequence;
            }
        }
        if (socket == null) {
            socket = new DatagramSocket();
        }
        byte[] datagram = lines.toString().getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(),
                Integer.parseInt(System.getenv("RECEIPT_PORT"))));
        output.write("{}".getBytes(StandardCharsets.US_ASCII));
    }
}
