package org.allocation.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against the subset of JSON Schema that openapi.json uses: local {@code $ref}, {@code type}
 * (one or several), {@code enum}, {@code required}, {@code properties}, {@code additionalProperties} (false or a
 * schema), {@code items}, {@code minItems}, {@code minLength}, {@code maxLength}, {@code minimum}, {@code maximum}
 * and {@code format: date}. Anything else in a schema is refused, so that the document cannot promise more than
 * this checker verifies. Jackson only: the e2e suite can use it as it is.
 */
final class SchemaShapes {

    private static final List<String> UNDERSTOOD = List.of("$ref", "type", "enum", "required", "properties",
            "additionalProperties", "items", "minItems", "minLength", "maxLength", "minimum", "maximum", "format",
            "description");

    private final JsonNode document;

    SchemaShapes(JsonNode document) {
        this.document = document;
    }

    /** What is wrong with {@code value}, one line per problem; empty when it has the shape. */
    List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    /** Follows a local reference such as {@code #/components/schemas/Error}; other nodes are returned as they are. */
    JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("Only local references are understood: " + ref);
            }
            node = document.at(ref.substring(1));
            if (node.isMissingNode()) {
                throw new IllegalArgumentException("Dangling reference " + ref);
            }
        }
        return node;
    }

    private void check(JsonNode value, JsonNode schemaOrRef, String at, List<String> problems) {
        JsonNode schema = resolve(schemaOrRef);
        schema.fieldNames().forEachRemaining(keyword -> {
            if (!UNDERSTOOD.contains(keyword)) {
                throw new IllegalArgumentException("Schema keyword '" + keyword + "' at " + at + " is not checked");
            }
        });
        if (schema.has("type") && !hasType(value, schema.get("type"))) {
            problems.add(at + ": expected type " + schema.get("type") + ", was " + value.getNodeType());
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isObject()) {
            checkObject(value, schema, at, problems);
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                problems.add(at + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.get("items"), at + "[" + i + "]", problems);
                }
            }
        }
        if (value.isTextual()) {
            checkText(value.textValue(), schema, at, problems);
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                problems.add(at + ": " + value + " is below " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                problems.add(at + ": " + value + " is above " + schema.get("maximum"));
            }
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String at, List<String> problems) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(at + ": required property '" + required.asText() + "' is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String where = at + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), where, problems);
            } else if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
                problems.add(where + ": property not in the schema");
            } else if (additional != null && additional.isObject()) {
                check(field.getValue(), additional, where, problems);
            }
        }
    }

    private static void checkText(String text, JsonNode schema, String at, List<String> problems) {
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            problems.add(at + ": shorter than " + schema.get("minLength"));
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            problems.add(at + ": longer than " + schema.get("maxLength"));
        }
        if ("date".equals(schema.path("format").asText(null))) {
            try {
                LocalDate.parse(text);
            } catch (DateTimeParseException notADate) {
                problems.add(at + ": '" + text + "' is not a date YYYY-MM-DD");
            }
        }
    }

    private static boolean hasType(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (hasType(value, one)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("Unknown type " + type);
        };
    }

    private static boolean contains(JsonNode options, JsonNode value) {
        for (JsonNode option : options) {
            if (option.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
