package org.allocation.adapters.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.allocation.domain.events.Event;

/**
 * Events as the outside world reads them: each event's fields as a JSON object, in declaration order and
 * nothing else, so that {@code Allocated} is exactly {@code {"orderid","sku","qty","batchref"}} as in the book,
 * and the version of that payload's schema.
 */
public final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {
    }

    /**
     * The schema version of the event's payload as it leaves the service (docs/MESSAGES.md): raised when a
     * field's meaning changes or one is removed, never for an added field.
     */
    public static int schemaVersionOf(Event event) {
        return 1;
    }

    public static String of(Event event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException impossible) {
            // Events are records of strings and numbers: they always serialize.
            throw new IllegalStateException("Cannot write " + event + " as JSON", impossible);
        }
    }
}
