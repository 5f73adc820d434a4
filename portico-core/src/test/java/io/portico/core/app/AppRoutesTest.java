package io.portico.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Matching and precedence of app routes, without a server (AppEndpointTest in portico-server drives them over HTTP). */
class AppRoutesTest {
    private static final RouteHandler NOTHING = (match, request, response, callback) -> callback.succeeded();
    private static final WebSocketEndpoints NO_SOCKET = (match, request, response) -> Optional.empty();

    private final AppRoutes routes = AppRoutes.create();

    @Test
    void match_hostTemplate_capturesLabelsFromHostAndPath() {
        routes.http(HostPattern.of("{apiId}.execute-api.{rest+}"), PathPattern.of("/{stage}/{proxy+}"), "gw", NOTHING);

        RouteMatch match = http("A1B2.execute-api.localhost.localstack.cloud", "/prod/orders/42").orElseThrow();

        assertThat(match.labels()).containsExactly(Map.entry("apiId", "a1b2"),
                Map.entry("rest", "localhost.localstack.cloud"), Map.entry("stage", "prod"),
                Map.entry("proxy", "orders/42"));
        assertThat(match.label("stage")).contains("prod");
        assertThat(match.label("nope")).isEmpty();
    }

    @Test
    void match_pathLabels_areDecodedSegmentBySegment() {
        routes.http(HostPattern.any(), PathPattern.of("/files/{name}/{rest+}"), "t", NOTHING);

        RouteMatch match = http("localhost", "/files/a%20b%2Fc/x+y/%C3%A9").orElseThrow();

        assertThat(match.labels()).containsExactly(Map.entry("name", "a b/c"), Map.entry("rest", "x+y/é"));
    }

    @Test
    void match_labelAndGreedy_needAtLeastOneSegment() {
        routes.http(HostPattern.any(), PathPattern.of("/{stage}/{proxy+}"), "t", NOTHING);

        assertThat(http("h", "/prod")).isEmpty();
        assertThat(http("h", "/prod/")).isPresent(); // one empty segment is still a segment
        assertThat(http("h", "//x")).isEmpty(); // an empty label is no label
    }

    @Test
    void match_prefix_servesItselfAndEverythingBelowOnWholeSegments() {
        routes.http(HostPattern.any(), PathPattern.prefix("/static"), "t", NOTHING);

        assertThat(http("h", "/static")).isPresent();
        assertThat(http("h", "/static/app/main.js")).isPresent();
        assertThat(http("h", "/staticky")).isEmpty();
        assertThat(http("h", "/")).isEmpty();
    }

    @Test
    void match_hostsIgnoreCaseAndTheRootDot_pathsDoNot() {
        routes.http(HostPattern.of("Api.Example.com"), PathPattern.of("/Items"), "t", NOTHING);

        assertThat(http("api.example.COM.", "/Items")).isPresent();
        assertThat(http("api.example.com", "/items")).isEmpty();
    }

    @Test
    void precedence_exactHostBeatsTemplateBeatsAnyHost() {
        routes.http(HostPattern.any(), PathPattern.prefix("/"), "any", NOTHING);
        routes.http(HostPattern.of("{id}.example.com"), PathPattern.prefix("/"), "template", NOTHING);
        routes.http(HostPattern.of("api.example.com"), PathPattern.prefix("/"), "exact", NOTHING);

        assertThat(owner("api.example.com", "/x")).isEqualTo("exact");
        assertThat(owner("web.example.com", "/x")).isEqualTo("template");
        assertThat(owner("localhost", "/x")).isEqualTo("any");
    }

    @Test
    void precedence_literalBeatsLabelBeatsGreedyBeatsPrefix_segmentBySegment() {
        routes.http(HostPattern.any(), PathPattern.prefix("/a"), "prefix", NOTHING);
        routes.http(HostPattern.any(), PathPattern.of("/a/{all+}"), "greedy", NOTHING);
        routes.http(HostPattern.any(), PathPattern.of("/a/{x}"), "label", NOTHING);
        routes.http(HostPattern.any(), PathPattern.of("/a/b"), "literal", NOTHING);
        routes.http(HostPattern.any(), PathPattern.of("/{x}/b/c"), "label first", NOTHING);

        assertThat(owner("h", "/a/b")).isEqualTo("literal");
        assertThat(owner("h", "/a/c")).isEqualTo("label");
        assertThat(owner("h", "/a/b/c")).isEqualTo("greedy"); // decided at the first segment: a beats {x}
        assertThat(owner("h", "/a")).isEqualTo("prefix");
        assertThat(owner("h", "/z/b/c")).isEqualTo("label first");
        assertThat(routes.routes()).extracting(AppRoute::owner)
                .containsExactly("literal", "label", "greedy", "prefix", "label first");
    }

    @Test
    void precedence_hostDecidesBeforePath() {
        routes.http(HostPattern.any(), PathPattern.of("/prod/items"), "any host, exact path", NOTHING);
        routes.http(HostPattern.of("{apiId}.execute-api.localhost"), PathPattern.of("/{stage}/{proxy+}"), "api",
                NOTHING);

        assertThat(owner("a1.execute-api.localhost", "/prod/items")).isEqualTo("api");
        assertThat(owner("localhost", "/prod/items")).isEqualTo("any host, exact path");
    }

    @Test
    void precedence_equallySpecific_registrationOrderDecides() {
        routes.http(HostPattern.any(), PathPattern.of("/{a}/x"), "first", NOTHING);
        routes.http(HostPattern.any(), PathPattern.of("/{b}/x"), "second", NOTHING);

        assertThat(owner("h", "/q/x")).isEqualTo("first");
    }

    @Test
    void close_removesTheRouteAndOnlyIt_andMayRepeat() {
        AppRoutes.Registration specific = routes.http(HostPattern.any(), PathPattern.of("/a/b"), "specific", NOTHING);
        routes.http(HostPattern.any(), PathPattern.prefix("/a"), "fallback", NOTHING);

        specific.close();
        specific.close();

        assertThat(owner("h", "/a/b")).isEqualTo("fallback");
        assertThat(routes.routes()).extracting(AppRoute::owner).containsExactly("fallback");
    }

    @Test
    void register_samePatternsAndKindTwice_isRefused_butHttpAndWebSocketMayShare() {
        routes.http(HostPattern.of("{id}.x"), PathPattern.of("/"), "one", NOTHING);
        routes.webSocket(HostPattern.of("{id}.x"), PathPattern.of("/"), "socket", NO_SOCKET);

        assertThatThrownBy(() -> routes.http(HostPattern.of("{id}.x"), PathPattern.of("/"), "two", NOTHING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("conflicts with");
        assertThat(routes.match("a.x", "/", AppRoute.WebSocket.class)).map(m -> m.route().owner()).contains("socket");
        assertThat(routes.match("a.x", "/", AppRoute.Http.class)).map(m -> m.route().owner()).contains("one");
    }

    @Test
    void register_labelNameInHostAndPath_isRefused() {
        assertThatThrownBy(() -> routes.http(HostPattern.of("{id}.x"), PathPattern.of("/{id}"), "t", NOTHING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label {id} appears in both host and path");
    }

    @Test
    void patterns_malformed_areRefusedWithTheReason() {
        assertThatThrownBy(() -> PathPattern.of("/{proxy+}/x")).hasMessageContaining("must be the last segment");
        assertThatThrownBy(() -> PathPattern.of("/a{b}")).hasMessageContaining("a label must be a whole segment");
        assertThatThrownBy(() -> PathPattern.of("/{}")).hasMessageContaining("not a label");
        assertThatThrownBy(() -> PathPattern.of("/{a}/{a}")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> PathPattern.of("items")).hasMessageContaining("starts with '/'");
        assertThatThrownBy(() -> HostPattern.of("localhost:8080")).hasMessageContaining("no port");
    }

    @Test
    void patterns_printAsWritten() {
        assertThat(HostPattern.of("{apiId}.execute-api.{rest+}")).hasToString("{apiId}.execute-api.{rest+}");
        assertThat(HostPattern.any()).hasToString("*");
        assertThat(PathPattern.of("/{stage}/{proxy+}")).hasToString("/{stage}/{proxy+}");
        assertThat(PathPattern.prefix("/static")).hasToString("/static/**");
        assertThat(PathPattern.of("/")).hasToString("/");
        assertThat(PathPattern.of("/a/{b}")).isEqualTo(PathPattern.of("/a/{b}")).isNotEqualTo(PathPattern.prefix("/a/{b}"));
    }

    private Optional<RouteMatch> http(String host, String path) {
        return routes.match(host, path, AppRoute.Http.class);
    }

    private String owner(String host, String path) {
        return http(host, path).orElseThrow().route().owner();
    }
}
