package io.portico.functions.engine.process;

import java.util.concurrent.Executors;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Starts the Runtime API servers of worker processes: one Jetty server per worker, on a port of its
 * own on 127.0.0.1, all sharing one thread pool, scheduler and buffer pool.
 *
 * <p>Why a server (a port) per worker rather than one shared server: the Runtime API's URLs name no
 * environment ({@code /runtime/invocation/next} and {@code /runtime/init/error} carry no id at all),
 * so the endpoint itself must tell workers apart. A path prefix in {@code AWS_LAMBDA_RUNTIME_API}
 * would do for clients that build URLs as {@code "http://" + api + "/2018-06-01/..."}, but Lambda
 * defines the variable as {@code host:port} and clients that split it so (Node.js's runtime
 * interface client among them) would break; a port per worker works with every client, exactly as
 * Lambda gives each sandbox its own API endpoint. With the threads shared, a worker's server costs a
 * socket and a selector; requests run on virtual threads, and a parked {@code /next} holds none.
 *
 * <p>Connections never time out: a warm worker waits in {@code /next} for as long as no event comes,
 * and Lambda's runtimes are told not to put a timeout on that call. Thread safe.
 */
final class RuntimeApiServers implements AutoCloseable {
    private final QueuedThreadPool threads;
    private final Scheduler scheduler;
    private final ByteBufferPool buffers;

    private RuntimeApiServers(QueuedThreadPool threads, Scheduler scheduler, ByteBufferPool buffers) {
        this.threads = threads;
        this.scheduler = scheduler;
        this.buffers = buffers;
    }

    /** Starts the shared threads; servers come later, one per {@link #start} call. */
    static RuntimeApiServers create() {
        // Each server's selector holds one pool thread for its lifetime: the pool grows with workers.
        QueuedThreadPool threads = new QueuedThreadPool(10_000, 2);
        threads.setName("lambda-runtime-api");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("lambda-runtime-api-scheduler", true);
        try {
            threads.start();
            scheduler.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Runtime API threads", e);
        }
        return new RuntimeApiServers(threads, scheduler, new ArrayByteBufferPool());
    }

    /** A started server for {@code session} on an ephemeral port of 127.0.0.1. */
    RuntimeApiServer start(RuntimeApiSession session) {
        Server server = new Server(threads, scheduler, buffers);
        server.setStopTimeout(0);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        ServerConnector connector = new ServerConnector(server, 0, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(-1);
        server.addConnector(connector);
        server.setHandler(new RuntimeApiHandler(session));
        try {
            server.start();
        } catch (Exception e) {
            RuntimeApiServer.stop(server);
            throw new IllegalStateException("cannot start a Runtime API server", e);
        }
        return new RuntimeApiServer(server, "127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() {
        try {
            scheduler.stop();
            threads.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the Runtime API threads", e);
        }
    }
}
