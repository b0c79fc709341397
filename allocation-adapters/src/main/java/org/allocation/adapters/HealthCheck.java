package org.allocation.adapters;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One yes-or-no probe of a server, answered within a deadline whatever the server does. A probe still
 * running from an earlier call is waited on rather than started again, so that a hanging server cannot pile
 * up threads however often health is asked.
 */
final class HealthCheck {

    private final BooleanSupplier probe;
    private final Executor executor;
    private CompletableFuture<Boolean> running;

    HealthCheck(BooleanSupplier probe, Executor executor) {
        this.probe = probe;
        this.executor = executor;
    }

    /** Starts the probe, or joins the one still running. */
    synchronized CompletableFuture<Boolean> start() {
        if (running == null || running.isDone()) {
            try {
                running = CompletableFuture.supplyAsync(() -> {
                    try {
                        return probe.getAsBoolean();
                    } catch (RuntimeException down) {
                        return false;
                    }
                }, executor);
            } catch (RejectedExecutionException closed) {
                // The system is closed: nothing answers any more.
                return CompletableFuture.completedFuture(false);
            }
        }
        return running;
    }

    /** The probe's answer, or false when it fails or does not answer by the deadline. */
    static boolean answer(CompletableFuture<Boolean> probe, long deadlineNanos) {
        try {
            return probe.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException tooSlowOrDown) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
