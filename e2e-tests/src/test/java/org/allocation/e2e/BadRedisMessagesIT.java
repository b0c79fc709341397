package org.allocation.e2e;

import static org.allocation.e2e.Refs.randomBatchRef;
import static org.allocation.e2e.Refs.randomOrderId;
import static org.allocation.e2e.Refs.randomSku;
import static org.allocation.e2e.Refs.randomSuffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.allocation.e2e.RedisChannels.DeadLetter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A message the consumer cannot handle is put aside in the {@code dead_letter} stream, with where it came from
 * and what was wrong, and the consumer carries on with the next one. Every payload is unique to this run, so it
 * is found among the dead letters of other runs.
 */
@ExtendWith(AllocationSystemExtension.class)
class BadRedisMessagesIT {

    /** Allocated from by the good message sent after each bad one. */
    private static final String SKU = randomSku("after-bad");
    /** The target of the bad quantity changes, apart from {@link #SKU} so that none can starve the good messages. */
    private static final String CHANGED_BATCH = randomBatchRef("bad-changes");

    private final RedisChannels redis;

    BadRedisMessagesIT(RedisChannels redis) {
        this.redis = redis;
    }

    @BeforeAll
    static void stock(ApiClient api) {
        api.addBatch(randomBatchRef("after-bad"), SKU, 1_000_000, null);
        api.addBatch(CHANGED_BATCH, randomSku("bad-changes"), 10, null);
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                arguments("allocate", "not JSON", "allocate " + randomOrderId("bad") + " please"),
                arguments("allocate", "truncated JSON", "{\"orderid\": \"" + randomOrderId("bad") + "\", \"sku\": "),
                arguments("allocate", "a JSON array", "[" + allocation(randomOrderId("bad"), SKU, 1) + "]"),
                arguments("allocate", "qty missing", Json.object("orderid", randomOrderId("bad"), "sku", SKU)),
                arguments("allocate", "fields named otherwise",
                        Json.object("order_id", randomOrderId("bad"), "sku", SKU, "quantity", 1)),
                arguments("allocate", "qty a string", allocation(randomOrderId("bad"), SKU, "1")),
                arguments("allocate", "qty 0", allocation(randomOrderId("bad"), SKU, 0)),
                arguments("allocate", "qty -1", allocation(randomOrderId("bad"), SKU, -1)),
                arguments("allocate", "sku null", allocation(randomOrderId("bad"), null, 1)),
                arguments("allocate", "an unknown sku", allocation(randomOrderId("bad"), randomSku("unknown"), 1)),
                arguments("change_batch_quantity", "not JSON", "change " + CHANGED_BATCH + " to " + randomSuffix()),
                arguments("change_batch_quantity", "qty missing", Json.object("batchref", CHANGED_BATCH)),
                arguments("change_batch_quantity", "fields named otherwise",
                        Json.object("ref", CHANGED_BATCH, "quantity", 5)),
                arguments("change_batch_quantity", "qty a string", change(CHANGED_BATCH, "5")),
                arguments("change_batch_quantity", "qty 2.5", change(CHANGED_BATCH, 2.5)),
                arguments("change_batch_quantity", "qty -1", change(CHANGED_BATCH, -1)),
                arguments("change_batch_quantity", "an unknown batch", change(randomBatchRef("unknown"), 5)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("badMessages")
    void aBadMessageIsDeadLetteredAndTheConsumerCarriesOn(String channel, String whatIsWrong, String payload) {
        String lastDeadLetter = redis.lastDeadLetterId();
        String goodOrderid = randomOrderId("after-bad");
        try (Subscription lineAllocated = redis.subscribeTo("line_allocated")) {

            redis.publish(channel, payload);
            redis.publish("allocate", allocation(goodOrderid, SKU, 1));

            DeadLetter deadLetter = redis.awaitDeadLetter(lastDeadLetter, "with payload " + payload,
                    letter -> letter.payload().equals(payload));
            assertThat(deadLetter.source()).as("source of %s", deadLetter).contains(channel);
            assertThat(deadLetter.error()).as("error of %s", deadLetter).isNotBlank();
            assertThat(deadLetter.field("failed_at")).as("failed_at of %s", deadLetter).isPresent();
            lineAllocated.awaitMessage("for " + goodOrderid + ", sent after the bad message",
                    Subscription.forOrder(goodOrderid));
        }
    }

    private static String allocation(Object orderid, Object sku, Object qty) {
        return Json.object("orderid", orderid, "sku", sku, "qty", qty);
    }

    private static String change(Object batchref, Object qty) {
        return Json.object("batchref", batchref, "qty", qty);
    }
}
