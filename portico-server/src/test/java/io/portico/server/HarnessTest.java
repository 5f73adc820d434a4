package io.portico.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The {@link PorticoTest} extension starts a server and injects it. */
@PorticoTest
class HarnessTest {

    PorticoServer injectedServer;
    URI injectedEndpoint;

    @Test
    void extension_injectsFieldsAndParameters(PorticoServer server, URI endpoint, PorticoClients clients) {
        assertThat(server.isReady()).isTrue();
        assertThat(injectedServer).isSameAs(server);
        assertThat(injectedEndpoint).isEqualTo(endpoint).isEqualTo(clients.endpoint());
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void health_isOk(URI endpoint) throws Exception {
        HttpResponse<String> response = get(endpoint.resolve("/_portico/health"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void appEndpoint_answers404Json(PorticoServer server) throws Exception {
        HttpResponse<String> response = get(server.appEndpoint().resolve("/anything"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void sdkClient_reachesTheServer(PorticoClients clients) {
        // A fresh data directory per server: the SDK round-trips and sees no state machines yet.
        try (SfnClient sfn = clients.sfn()) {
            assertThat(sfn.listStateMachines(b -> { }).stateMachines()).isEmpty();
        }
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
