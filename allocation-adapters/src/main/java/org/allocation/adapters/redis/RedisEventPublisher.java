package org.allocation.adapters.redis;

import io.lettuce.core.RedisException;
import org.allocation.adapters.delivery.EventJson;
import org.allocation.domain.events.Event;
import org.allocation.service.ports.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events with Redis {@code PUBLISH}, as JSON ({@link EventJson}), for any subscriber written for
 * the book. Pub/sub delivers to whoever listens at that moment and keeps nothing.
 */
public final class RedisEventPublisher implements EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(RedisEventPublisher.class);

    private final SharedRedisConnection redis;

    public RedisEventPublisher(SharedRedisConnection redis) {
        this.redis = redis;
    }

    /** @throws EventNotPublished when Redis is unreachable or does not answer within the command timeout */
    @Override
    public void publish(String channel, Event event) {
        String payload = EventJson.of(event);
        try {
            long receivers = redis.get().sync().publish(channel, payload);
            log.debug("Published {} on {} to {} subscribers", payload, channel, receivers);
        } catch (RedisException failure) {
            throw new EventNotPublished("Could not publish " + payload + " on " + channel + ": "
                    + failure.getMessage(), failure);
        }
    }
}
