package org.allocation.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.allocation.service.retry.Backoff;
import org.allocation.service.retry.Sleeper;

/** A clock that moves only when something sleeps on it, remembering each pause. */
final class FakeTime implements Sleeper {

    /** 1 s, doubling to at most 8 s. */
    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), Backoff.Jitter.NONE);

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
        return new StorageRetry(BACKOFF, Duration.ofSeconds(30), this::nanoTime, this);
    }
}
