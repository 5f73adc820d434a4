package io.portico.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.app.AppRoutes;
import io.portico.core.app.HostPattern;
import io.portico.core.app.PathPattern;
import io.portico.core.app.RouteHandler;
import io.portico.core.app.RouteMatch;
import io.portico.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app endpoint through a real server: routes a test wiring registers (as a service would) and routes
 * added and removed while the server runs, driven with the JDK's HTTP and WebSocket clients. Setting the
 * Host header needs {@code jdk.httpclient.allowRestrictedHeaders=host}, which the module's surefire
 * configuration sets.
 */
@Timeout(60) // a safety net against a hung exchange, not a timing assertion
class AppEndpointTest {

    @TempDir
    static Path dataDir;
    static PorticoServer server;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = PorticoServer.create(PorticoConfig.forTests(dataDir), Clock.systemUTC(), context -> {
            AppRoutes routes = context.appRoutes();
            routes.http(HostPattern.any(), PathPattern.of("/hello/{name}"), "test", reply("hello"));
            routes.http(HostPattern.of("{apiId}.execute-api.{rest+}"), PathPattern.of("/{stage}/{proxy+}"), "test",
                    reply("api"));
            routes.webSocket(HostPattern.any(), PathPattern.of("/echo"), "test",
                    (match, request, response) -> Optional.of(new Echo()));
            routes.webSocket(HostPattern.any(), PathPattern.of("/closed"), "test",
                    (match, request, response) -> Optional.empty());
            return List.of();
        }).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void httpRoute_servesItsPathWithLabels() throws Exception {
        HttpResponse<String> response = get("/hello/Ada%20Lovelace", Optional.empty());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello {\"name\":\"Ada Lovelace\"}");
    }

    @Test
    void hostRoute_servesRequestsForItsHostOnly() throws Exception {
        HttpResponse<String> byHost = get("/prod/orders/42", Optional.of("a1b2c3.execute-api.localhost:8080"));
        HttpResponse<String> otherHost = get("/prod/orders/42", Optional.empty());

        assertThat(byHost.statusCode()).isEqualTo(200);
        assertThat(byHost.body()).isEqualTo(
                "api {\"apiId\":\"a1b2c3\",\"rest\":\"localhost\",\"stage\":\"prod\",\"proxy\":\"orders/42\"}");
        assertThat(otherHost.statusCode()).isEqualTo(404);
    }

    @Test
    void routeAddedWhileRunning_takesPrecedenceWhereMoreSpecific_andGoesAwayWhenClosed() throws Exception {
        Optional<String> special = Optional.of("special.execute-api.localhost");
        Optional<String> other = Optional.of("other.execute-api.localhost");

        try (AppRoutes.Registration exact = server.appRoutes().http(HostPattern.of("special.execute-api.localhost"),
                PathPattern.prefix("/"), "test", reply("exact"))) {
            assertThat(get("/prod/x", special).body()).isEqualTo("exact {}");
            assertThat(get("/prod/x", other).body()).startsWith("api ");
            assertThat(server.appRoutes().routes()).first().isEqualTo(exact.route());
        }

        assertThat(get("/prod/x", special).body()).startsWith("api {\"apiId\":\"special\"");
    }

    @Test
    void routeRemoved_answersNotFoundAgain() throws Exception {
        AppRoutes.Registration route = server.appRoutes().http(HostPattern.any(), PathPattern.of("/temporary"), "test",
                reply("here"));
        assertThat(get("/temporary", Optional.empty()).statusCode()).isEqualTo(200);

        route.close();

        assertThat(get("/temporary", Optional.empty()).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownPath_isJsonNotFound() throws Exception {
        HttpResponse<String> response = get("/no/such/route", Optional.of("nothing.example.com"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void webSocketRoute_echoesMessages() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(ws("/echo")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);

        socket.sendText("hello over a socket", true).get(10, TimeUnit.SECONDS);

        assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("hello over a socket");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void webSocketRoute_refusingTheConnection_isForbidden() {
        CompletableFuture<WebSocket> refused = http.newWebSocketBuilder()
                .buildAsync(URI.create(ws("/closed")), new WebSocket.Listener() { });

        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void webSocketRoute_plainRequest_isUpgradeRequired() throws Exception {
        HttpResponse<String> response = get("/echo", Optional.empty());

        assertThat(response.statusCode()).isEqualTo(426);
        assertThat(response.body()).isEqualTo("{\"message\":\"Upgrade Required\"}");
    }

    @Test
    void awsEndpoint_doesNotServeAppRoutes() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.awsEndpoint().resolve("/hello/Ada"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).doesNotStartWith("hello");
    }

    /** Answers with {@code word} and the route's labels as JSON. */
    private static RouteHandler reply(String word) {
        return (RouteMatch match, org.eclipse.jetty.server.Request request, Response response, Callback callback) -> {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            String body = word + " " + Json.writeString(match.labels());
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        };
    }

    private static HttpResponse<String> get(String path, Optional<String> host) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.appEndpoint().resolve(path))
                .timeout(Duration.ofSeconds(10));
        host.ifPresent(h -> request.header("Host", h));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String ws(String path) {
        return server.appEndpoint().toString().replaceFirst("^http", "ws") + path;
    }

    /** Sends every text message back. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private volatile Session session;

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
    }
}
