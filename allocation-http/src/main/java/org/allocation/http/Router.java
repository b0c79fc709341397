package org.allocation.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.PathTemplateMatcher;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.allocation.adapters.json.JsonObject;

/**
 * Finds the handler of a path and method. Knowing every method of a path lets it tell an unknown path
 * (404) from a wrong method (405, with the Allow header listing the right ones).
 */
final class Router implements HttpHandler {

    private final PathTemplateMatcher<Map<String, HttpHandler>> paths = new PathTemplateMatcher<>();

    /** Adds a route; {@code template} may hold placeholders such as {@code /allocations/{orderid}}. */
    Router route(String method, String template, HttpHandler handler) {
        Map<String, HttpHandler> methods = paths.get(template);
        if (methods == null) {
            methods = new TreeMap<>();
            paths.add(template, methods);
        }
        methods.put(method, handler);
        return this;
    }

    /** The template of the route that {@code path} belongs to, whatever the method; empty for an unknown path. */
    Optional<String> routeOf(String path) {
        return Optional.ofNullable(matching(path)).map(PathTemplateMatcher.PathMatchResult::getMatchedTemplate);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        PathTemplateMatcher.PathMatchResult<Map<String, HttpHandler>> match = matching(exchange.getRelativePath());
        if (match == null) {
            ResponseSender.send(exchange, Response.error(404, "No such path: " + JsonObject.shortened(exchange.getRequestPath())));
            return;
        }
        HttpHandler handler = match.getValue().get(exchange.getRequestMethod().toString());
        if (handler == null) {
            String allowed = String.join(", ", match.getValue().keySet());
            ResponseSender.send(exchange, Response.error(405, exchange.getRequestMethod() + " is not allowed on "
                    + JsonObject.shortened(exchange.getRequestPath()) + "; use " + allowed).withHeader("Allow", allowed));
            return;
        }
        exchange.putAttachment(PathTemplateMatch.ATTACHMENT_KEY,
                new PathTemplateMatch(match.getMatchedTemplate(), match.getParameters()));
        handler.handleRequest(exchange);
    }

    /** A path's match, or null; a placeholder matching nothing ({@code /allocations/}) is no match. */
    private PathTemplateMatcher.PathMatchResult<Map<String, HttpHandler>> matching(String path) {
        PathTemplateMatcher.PathMatchResult<Map<String, HttpHandler>> match = paths.match(path);
        if (match == null || match.getParameters().values().stream().anyMatch(String::isEmpty)) {
            return null;
        }
        return match;
    }
}
