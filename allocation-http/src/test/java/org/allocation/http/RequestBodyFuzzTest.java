package org.allocation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allocation.adapters.json.HostileInput;
import org.allocation.adapters.logging.Printable;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.service.inmemory.InMemoryAllocation;
import org.junit.jupiter.api.Test;

/**
 * Whatever body a client posts, {@code POST /allocate} and {@code POST /add_batch} answer a success or a 4xx with
 * a message, as {@link BlockingEndpointHandler} turns what the endpoint throws into a response: never a 5xx, so
 * never an exception the API did not expect (see {@link HostileInput} for the cases and how to run more).
 */
class RequestBodyFuzzTest {

    private static final List<String> FIELDS = List.of("orderid", "sku", "qty", "ref", "eta");
    private final InMemoryAllocation allocation = InMemoryAllocation.start();

    @Test
    void everyAllocationBodyIsAcceptedOrRefusedWithAMessage() {
        allocation.bus().handle(CreateBatch.inWarehouse("b1", "LAMP", 1_000_000));

        assertAcceptedOrRefused(new AllocateEndpoint(allocation.bus()), HostileInput.SEED,
                "{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1}");
    }

    @Test
    void everyBatchBodyIsAcceptedOrRefusedWithAMessage() {
        assertAcceptedOrRefused(new AddBatchEndpoint(allocation.bus()), HostileInput.SEED + 1,
                "{\"ref\": \"b2\", \"sku\": \"LAMP\", \"qty\": 10, \"eta\": null}",
                "{\"ref\": \"b3\", \"sku\": \"TABLE\", \"qty\": 10, \"eta\": \"2030-01-31\"}");
    }

    private static void assertAcceptedOrRefused(Endpoint endpoint, long seed, String... valid) {
        HostileInput bodies = new HostileInput(seed, List.of(valid), FIELDS);

        for (int i = 0; i < HostileInput.cases(); i++) {
            byte[] body = bodies.next();
            Response response;
            try {
                response = endpoint.handle(new Request(Map.of(), Optional.of("application/json"), body, "fuzz"));
            } catch (Exception failure) {
                response = Failures.toResponse(failure);
            }

            String input = "case " + i + ": " + Printable.bytes(body) + " answered " + response;
            assertThat(response.status()).as(input).isIn(201, 400, 409);
            if (response.status() >= 400) {
                assertThat(response.body()).as(input).startsWith("{\"message\":\"").doesNotContain("Internal error");
            }
        }
    }
}
