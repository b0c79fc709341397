package org.allocation.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON object of one message, read strictly: a field is there, not null, and of its type, or the
 * reader throws {@link MalformedMessage} naming it. Nothing is coerced: {@code "5"} and {@code 5.0} are not
 * quantities, because a sender that writes them has a bug we would rather show than guess around.
 *
 * <p>Fields we do not read are ignored, so that a producer can add some without its messages being refused.
 */
final class JsonMessage {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int LONGEST_QUOTED_VALUE = 40;

    private final JsonNode object;

    private JsonMessage(JsonNode object) {
        this.object = object;
    }

    static JsonMessage parse(String payload) {
        JsonNode tree;
        try {
            tree = JSON.readTree(payload);
        } catch (JsonProcessingException notJson) {
            throw new MalformedMessage("payload is not JSON: " + notJson.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new MalformedMessage("payload is empty");
        }
        if (!tree.isObject()) {
            throw new MalformedMessage("payload must be a JSON object, was " + describe(tree));
        }
        return new JsonMessage(tree);
    }

    String text(String field) {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw new MalformedMessage(field + " must be a string, was " + describe(value));
        }
        return value.textValue();
    }

    int wholeNumber(String field) {
        JsonNode value = required(field);
        if (!value.isIntegralNumber()) {
            throw new MalformedMessage(field + " must be a whole number, was " + describe(value));
        }
        if (!value.canConvertToInt()) {
            throw new MalformedMessage(field + " is out of range, was " + value);
        }
        return value.intValue();
    }

    private JsonNode required(String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw new MalformedMessage(field + " is missing");
        }
        if (value.isNull()) {
            throw new MalformedMessage(field + " must not be null");
        }
        return value;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "the string " + quoted(node.toString());
            case NUMBER -> "the number " + node;
            case BOOLEAN -> node.toString();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private static String quoted(String json) {
        return json.length() <= LONGEST_QUOTED_VALUE ? json : json.substring(0, LONGEST_QUOTED_VALUE) + "...";
    }
}
