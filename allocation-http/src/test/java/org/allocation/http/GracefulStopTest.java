package org.allocation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.allocation.service.inmemory.InMemoryAllocation;
import org.allocation.service.ports.AllocationsView;
import org.junit.jupiter.api.Test;

class GracefulStopTest {

    @Test
    void letsARequestInFlightFinishBeforeStopping() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AllocationsView slow = orderid -> {
            entered.countDown();
            await(release);
            return List.of(new AllocationsView.Allocation("LAMP", "batch-1"));
        };
        var api = RunningApi.over(InMemoryAllocation.start().bus(), slow, RunningApi.ALL_UP, Optional.empty());
        var inFlight = api.sendAsync(api.request("/allocations/order-1").GET());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        var stopped = CompletableFuture.supplyAsync(() -> api.server().stop(Duration.ofSeconds(5)));
        Thread.sleep(100);
        release.countDown();

        assertThat(inFlight.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(stopped.get(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
