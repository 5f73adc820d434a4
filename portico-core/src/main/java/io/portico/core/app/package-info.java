/**
 * The app endpoint's routes: where services put what frontends call (HTTP APIs, WebSocket APIs,
 * GraphQL endpoints, function URLs). A service registers a route ({@link io.portico.core.app.AppRoutes})
 * by host and path pattern while Portico runs, and removes it again; {@link io.portico.core.app.AppEndpoint}
 * is the Jetty handler that dispatches each request to the most specific matching route and answers
 * everything else with a JSON 404.
 */
package io.portico.core.app;
