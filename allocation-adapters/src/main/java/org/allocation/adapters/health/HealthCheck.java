package org.allocation.adapters.health;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One probe of a server, answered within a deadline whatever the server does: which server answered and its role,
 * or nothing when it did not. A probe still running from an earlier call is waited on rather than started again,
 * so that a hanging server cannot pile up threads however often health is asked.
 */
final class HealthCheck {

    private final Supplier<ServerInfo> probe;
    private final Executor executor;
    private CompletableFuture<Optional<ServerInfo>> running;

    /** @param probe answers the server it reached; throws when it reached none */
    HealthCheck(Supplier<ServerInfo> probe, Executor executor) {
        this.probe = probe;
        this.executor = executor;
    }

    /** Starts the probe, or joins the one still running. */
    synchronized CompletableFuture<Optional<ServerInfo>> start() {
        if (running == null || running.isDone()) {
            try {
                running = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Optional.of(probe.get());
                    } catch (RuntimeException down) {
                        return Optional.empty();
                    }
                }, executor);
            } catch (RejectedExecutionException closed) {
                // The system is closed: nothing answers any more.
                return CompletableFuture.completedFuture(Optional.empty());
            }
        }
        return running;
    }

    /** The probe's answer, or nothing when it fails or does not answer by the deadline. */
    static Optional<ServerInfo> answer(CompletableFuture<Optional<ServerInfo>> probe, long deadlineNanos) {
        try {
            return probe.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException tooSlowOrDown) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
