package org.allocation.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.allocation.domain.events.Event;
import org.allocation.service.Bootstrap;
import org.allocation.service.inmemory.InMemoryAllocationsView;
import org.allocation.service.inmemory.InMemoryProductStore;
import org.allocation.service.inmemory.InMemoryUnitOfWork;
import org.allocation.service.inmemory.LoggingNotifications;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.allocation.service.inmemory.InMemoryAllocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CorrelationIdTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final RunningApi api = RunningApi.inMemory();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void echoesTheClientsRequestId() {
        var answer = api.send(api.request("/health").header("X-Request-Id", "req-42 from shop").GET());

        assertThat(answer.header("X-Request-Id")).contains("req-42 from shop");
    }

    @Test
    void givesARequestWithoutIdANewOne() {
        var answer = api.get("/allocations/order-1");

        assertThat(answer.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches(UUID));
    }

    @Test
    void replacesAnIdThatIsTooLongOrNotPrintable() {
        var tooLong = api.send(api.request("/health").header("X-Request-Id", "x".repeat(129)).GET());
        var exactly = api.send(api.request("/health").header("X-Request-Id", "x".repeat(128)).GET());

        assertThat(tooLong.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches(UUID));
        assertThat(exactly.header("X-Request-Id")).contains("x".repeat(128));
        assertThat(CorrelationId.usable("tab\there")).isEmpty();
        assertThat(CorrelationId.usable("caf\u00e9")).isEmpty();
        assertThat(CorrelationId.usable("   ")).isEmpty();
    }

    @Test
    void putsTheIdInTheLogLinesOfItsRequestAndOnlyThere() {
        Logger failures = (Logger) LoggerFactory.getLogger(Failures.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        failures.addAppender(lines);
        ch.qos.logback.classic.Level before = failures.getLevel();
        failures.setLevel(ch.qos.logback.classic.Level.WARN);
        AllocationsViewDown down = new AllocationsViewDown();
        try (var failing = RunningApi.over(InMemoryAllocation.start().bus(), down, RunningApi.ALL_UP, Optional.empty())) {

            failing.send(failing.request("/allocations/order-1").header("X-Request-Id", "trace-me").GET());
            failing.send(failing.request("/allocations/order-2").header("X-Request-Id", "trace-me-too").GET());
        } finally {
            failures.detachAppender(lines);
            failures.setLevel(before);
        }

        assertThat(lines.list).extracting(line -> line.getMDCPropertyMap().get(CorrelationId.MDC_KEY))
                .containsExactly("trace-me", "trace-me-too");
    }

    @Test
    void givesTheIdToTheBusWithTheCommandOfItsRequest() {
        InMemoryProductStore store = new InMemoryProductStore();
        List<Optional<String>> committed = new CopyOnWriteArrayList<>();
        MessageBus bus = Bootstrap.messageBus(() -> new InMemoryUnitOfWork(store) {
            @Override
            protected void doCommit(List<Event> events) {
                super.doCommit(events);
                committed.add(correlationId());
            }
        }, new LoggingNotifications(), (channel, event) -> { }, RetryPolicy.none());
        try (var running = RunningApi.over(bus, new InMemoryAllocationsView(store), RunningApi.ALL_UP,
                Optional.empty())) {
            var added = running.send(running.request("/add_batch").header("X-Request-Id", "batch-please")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ref\": \"b1\", \"sku\": \"LAMP\", \"qty\": 10, \"eta\": null}")));
            var allocated = running.send(running.request("/allocate").header("X-Request-Id", "allocate-please")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"orderid\": \"o1\", \"sku\": \"LAMP\", \"qty\": 1}")));
            assertThat(added.status()).isEqualTo(201);
            assertThat(allocated.status()).isEqualTo(201);
        }

        assertThat(committed).containsExactly(Optional.of("batch-please"), Optional.of("allocate-please"));
    }

    /** A read model whose database is away: the API logs a warning, inside the request. */
    private static final class AllocationsViewDown implements org.allocation.service.ports.AllocationsView {
        @Override
        public java.util.List<Allocation> allocationsFor(String orderid) {
            throw new org.allocation.service.ports.StorageUnavailable("Connection refused", null);
        }
    }
}
