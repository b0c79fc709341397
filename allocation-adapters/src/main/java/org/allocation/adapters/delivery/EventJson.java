package org.allocation.adapters.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.allocation.domain.events.Event;

/**
 * Events as the outside world reads them: each event's fields as a JSON object, in declaration order and
 * nothing else, so that {@code Allocated} is exactly {@code {"orderid","sku","qty","batchref"}} as in the book.
 */
public final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {
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
