package org.allocation.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * openapi.json read as the promise it makes: which routes, methods and statuses exist, and what each answer
 * looks like. {@link #problemsWith} compares one real answer with it. Jackson only, like {@link SchemaShapes},
 * so that the e2e suite can use it too (through this module's test-jar) on the answers of the real process.
 */
public final class OpenApiDocument {

    /** The route of requests whose path no route has. */
    static final String UNROUTED = "(unrouted)";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode document;
    private final SchemaShapes shapes;

    OpenApiDocument(JsonNode document) {
        this.document = document;
        this.shapes = new SchemaShapes(document);
    }

    public static OpenApiDocument parse(String json) {
        try {
            return new OpenApiDocument(new ObjectMapper().readTree(json));
        } catch (IOException notJson) {
            throw new UncheckedIOException(notJson);
        }
    }

    /** The path template that {@code path} matches, such as {@code /allocations/{orderid}}; else {@link #UNROUTED}. */
    String routeOf(String path) {
        for (Iterator<String> templates = document.path("paths").fieldNames(); templates.hasNext(); ) {
            String template = templates.next();
            String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            if (path.matches(regex)) {
                return template;
            }
        }
        return UNROUTED;
    }

    /**
     * Every (route, method, status) that the document promises; answers to unrouted requests and to wrong
     * methods count as {@code (unrouted) * status}.
     */
    Set<String> documentedOutcomes() {
        Set<String> outcomes = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (METHODS.contains(operation.getKey())) {
                operation.getValue().path("responses").fieldNames().forEachRemaining(status -> outcomes.add(
                        outcome(path.getKey(), operation.getKey(), Integer.parseInt(status))));
            }
        }));
        document.path("x-unrouted-responses").fieldNames()
                .forEachRemaining(status -> outcomes.add(outcome(UNROUTED, "*", Integer.parseInt(status))));
        return outcomes;
    }

    /** The outcome a real answer stands for, in the terms of {@link #documentedOutcomes()}. */
    String outcomeOf(String method, String path, int status) {
        return operation(routeOf(path), method)
                .map(operation -> outcome(routeOf(path), method.toLowerCase(Locale.ROOT), status))
                .orElse(outcome(UNROUTED, "*", status));
    }

    /** What in a real answer the document does not say; empty when it is as documented. */
    public List<String> problemsWith(String method, String path, int status, Optional<String> contentType,
                              Map<String, List<String>> headers, String body) {
        List<String> problems = new ArrayList<>();
        String route = routeOf(path);
        JsonNode responses = operation(route, method).map(op -> op.path("responses"))
                .orElse(document.path("x-unrouted-responses"));
        JsonNode documented = responses.get(Integer.toString(status));
        if (documented == null) {
            problems.add("status " + status + " is not documented for " + method + " " + route);
            return problems;
        }
        JsonNode response = shapes.resolve(documented);
        response.path("headers").fields().forEachRemaining(header -> {
            boolean required = shapes.resolve(header.getValue()).path("required").asBoolean(false);
            if (required && headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase(header.getKey()))) {
                problems.add("header " + header.getKey() + " is missing");
            }
        });
        JsonNode content = response.get("content");
        if (content == null) {
            if (!body.isEmpty()) {
                problems.add("a body, where the document has none: " + body);
            }
            return problems;
        }
        String mediaType = contentType.map(type -> type.split(";", 2)[0].trim()).orElse("(none)");
        JsonNode media = content.get(mediaType);
        if (media == null) {
            problems.add("Content-Type " + mediaType + ", where the document has " + names(content));
            return problems;
        }
        if (mediaType.equals("application/json")) {
            try {
                problems.addAll(shapes.problems(new ObjectMapper().readTree(body), media.path("schema")));
            } catch (IOException notJson) {
                problems.add("body is not JSON: " + body);
            }
        }
        return problems;
    }

    private Optional<JsonNode> operation(String route, String method) {
        return Optional.ofNullable(document.path("paths").path(route).get(method.toLowerCase(Locale.ROOT)));
    }

    private static String outcome(String route, String method, int status) {
        return route + " " + method.toUpperCase(Locale.ROOT) + " " + status;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
