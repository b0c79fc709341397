package org.allocation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.allocation.service.Bootstrap;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.allocation.service.ports.AllocationsView;
import org.allocation.service.ports.ConcurrencyConflict;
import org.allocation.service.ports.StorageUnavailable;
import org.allocation.service.ports.UnitOfWorkFactory;
import org.junit.jupiter.api.Test;

/** Our own troubles: a 5xx with a message, and the details only in our log. */
class ServerFailureTest {

    private static MessageBus busOver(UnitOfWorkFactory unitsOfWork) {
        return Bootstrap.messageBus(unitsOfWork, (destination, message) -> { }, (channel, event) -> { },
                RetryPolicy.none());
    }

    private static final AllocationsView NO_ALLOCATIONS = orderid -> java.util.List.of();

    @Test
    void answersServiceUnavailableWhileStorageIsDown() {
        UnitOfWorkFactory databaseDown = () -> {
            throw new StorageUnavailable("Connection refused", new java.net.ConnectException("refused"));
        };
        try (var api = RunningApi.over(busOver(databaseDown), NO_ALLOCATIONS, RunningApi.ALL_UP, Optional.empty())) {

            var answer = api.post("/allocate", Bodies.allocation("order-1", "LAMP", 1));

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isPresent();
            assertThat(answer.message()).isEqualTo("Storage is unavailable; nothing was changed, please retry later");
        }
    }

    @Test
    void answersServiceUnavailableWhenTheReadModelCannotBeReached() {
        AllocationsView down = orderid -> {
            throw new StorageUnavailable("Connection refused", null);
        };
        try (var api = RunningApi.over(busOver(() -> null), down, RunningApi.ALL_UP, Optional.empty())) {

            var answer = api.get("/allocations/order-1");

            assertThat(answer.status()).isEqualTo(503);
        }
    }

    @Test
    void answersServiceUnavailableWhenEveryRetryLostARace() {
        UnitOfWorkFactory alwaysLosing = () -> {
            throw new ConcurrencyConflict("product LAMP changed meanwhile");
        };
        try (var api = RunningApi.over(busOver(alwaysLosing), NO_ALLOCATIONS, RunningApi.ALL_UP, Optional.empty())) {

            var answer = api.post("/allocate", Bodies.allocation("order-1", "LAMP", 1));

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).contains("1");
            assertThat(answer.message()).startsWith("Too many concurrent changes to the same product");
        }
    }

    @Test
    void answersInternalErrorWithoutDetailsForAnythingUnforeseen() {
        AllocationsView broken = orderid -> {
            throw new IllegalStateException("secret internals at org.example.Foo");
        };
        try (var api = RunningApi.over(busOver(() -> null), broken, RunningApi.ALL_UP, Optional.empty())) {

            var answer = api.get("/allocations/order-1");

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.body()).isEqualTo("{\"message\":\"Internal error\"}");
        }
    }
}
