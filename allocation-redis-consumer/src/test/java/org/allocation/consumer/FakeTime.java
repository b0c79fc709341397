package org.allocation.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when something sleeps on it, remembering each pause. */
final class FakeTime implements StorageRetry.Sleeper {

    private long nanos;
    private final List<Duration> pauses = new ArrayList<>();

    long nanoTime() {
        return nanos;
    }

    void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    @Override
    public void sleep(Duration duration) {
        pauses.add(duration);
        advance(duration);
    }

    /** A retry on this clock: 1 s, doubling to at most 8 s, for an outage of up to 30 s. */
    StorageRetry retry() {
        return new StorageRetry(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30), this::nanoTime,
                this);
    }
}
