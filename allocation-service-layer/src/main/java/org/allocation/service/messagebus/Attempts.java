package org.allocation.service.messagebus;

import java.util.Optional;
import java.util.function.Function;
import org.allocation.service.ports.UnitOfWork;
import org.allocation.service.ports.UnitOfWorkFactory;

/**
 * The one place a unit of work's life begins and ends: each attempt of one handler at one message gets a unit of
 * work of its own, opened here, given to the handler (which uses and commits it), and closed here, which rolls
 * back whatever was not committed.
 *
 * <p>The first attempt's unit of work is a plain one. After a lost race, each further attempt's waits for its turn
 * on the products it reads ({@link UnitOfWorkFactory#startTakingTurns()}), so that a message on a busy product
 * does not keep losing to the changes of other processes. Every one is given the message's correlation id.
 */
final class Attempts {

    private final UnitOfWorkFactory unitsOfWork;
    private final RetryPolicy retry;
    private final Optional<String> correlationId;
    private final Runnable onLostRace;
    private boolean lostRace;

    /** @param onLostRace told before each attempt after a lost race (the monitor counts retries) */
    Attempts(UnitOfWorkFactory unitsOfWork, RetryPolicy retry, Optional<String> correlationId, Runnable onLostRace) {
        this.unitsOfWork = unitsOfWork;
        this.retry = retry;
        this.correlationId = correlationId;
        this.onLostRace = onLostRace;
    }

    /** Runs {@code attempt} in a unit of work of its own, again as the retry policy allows after a lost race. */
    <T> T run(Function<UnitOfWork, T> attempt) {
        return retry.run(() -> {
            try (UnitOfWork uow = lostRace ? unitsOfWork.startTakingTurns() : unitsOfWork.start()) {
                correlationId.ifPresent(uow::correlatesWith);
                return attempt.apply(uow);
            }
        }, () -> {
            lostRace = true;
            onLostRace.run();
        });
    }
}
