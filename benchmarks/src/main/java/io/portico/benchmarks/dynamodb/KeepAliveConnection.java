package io.portico.benchmarks.dynamodb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket: writes a request that is already bytes and
 * reads one response (status, headers, a Content-Length or chunked body). Nothing else: no pooling,
 * no redirects, no TLS. A load driver on 2 shared cores must cost the server as little CPU as it can,
 * and a general client (the SDK's, or even the JDK's HttpClient) spends more per request than this.
 * Not thread-safe: one connection per worker.
 */
final class KeepAliveConnection implements AutoCloseable {

    /** A response: its status and its body (bytes, undecoded). */
    record Response(int status, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final InetSocketAddress address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** One header line at a time; header lines of these servers are short. */
    private final byte[] line = new byte[8192];

    KeepAliveConnection(InetSocketAddress address) {
        this.address = address;
    }

    /** Sends {@code request} (a whole HTTP request) and reads its response; reconnects first if closed. */
    Response exchange(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close(); // the next exchange starts on a new connection; this one failed and is counted
            throw e;
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5_000);
        socket.setSoTimeout(60_000); // a stuck server fails the request instead of hanging the run
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        // "HTTP/1.1 200 OK"
        int space = statusLine.indexOf(' ');
        if (!statusLine.startsWith("HTTP/1.") || space < 0 || statusLine.length() < space + 4) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine, space + 1, space + 4, 10);
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closeAfter = value.equalsIgnoreCase("close");
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunked();
        } else if (contentLength >= 0) {
            body = in.readNBytes((int) contentLength);
            if (body.length != contentLength) {
                throw new EOFException("body cut short");
            }
        } else {
            body = in.readAllBytes(); // no length: the body ends with the connection
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, body);
    }

    private byte[] readChunked() throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("chunk cut short");
            }
            body.write(chunk);
            readLine(); // the CRLF after the chunk
        }
    }

    /** One line without its CRLF, as ISO-8859-1 (header lines are ASCII). */
    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return new String(line, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (length == line.length) {
                throw new IOException("header line longer than " + line.length + " bytes");
            }
            line[length++] = (byte) b;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection that already failed: nothing left to do
            }
            socket = null;
        }
    }
}
