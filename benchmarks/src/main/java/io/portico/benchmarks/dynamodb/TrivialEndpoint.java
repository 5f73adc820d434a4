package io.portico.benchmarks.dynamodb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The cheapest HTTP/1.1 server that answers the driver: reads a request's headers and its
 * Content-Length body and answers 200 with a canned body, on keep-alive connections, a virtual thread
 * each. It does no DynamoDB work, so the driver against it ({@code --target ceiling}) measures how many
 * requests/s the driver itself can drive on this machine, the ceiling above which no figure of a real
 * target can be trusted.
 */
final class TrivialEndpoint implements AutoCloseable {

    private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
            + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;

    TrivialEndpoint() throws IOException {
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("trivial-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1024);
            StringBuilder line = new StringBuilder();
            long contentLength = 0;
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    line.append((char) b);
                    continue;
                }
                String header = line.toString().trim();
                line.setLength(0);
                if (!header.isEmpty()) {
                    if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        contentLength = Long.parseLong(header.substring(15).trim());
                    }
                    continue;
                }
                in.skipNBytes(contentLength); // the end of the headers: skip the body, answer
                contentLength = 0;
                out.write(ANSWER);
                out.flush();
            }
        } catch (IOException e) {
            // the driver closed its connection
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
