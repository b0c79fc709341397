package org.allocation.consumer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One thread of its own that runs tasks one at a time, in the order they were offered. Offering never
 * blocks, so it is safe from a Netty event loop; at most {@code capacity} tasks wait, and an offer beyond
 * that is refused rather than letting a flood of messages fill the heap.
 */
final class SerialWorker {

    private final ThreadPoolExecutor executor;

    SerialWorker(String threadName, int capacity) {
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(capacity),
                task -> new Thread(task, threadName), new ThreadPoolExecutor.AbortPolicy());
    }

    /** @return false when the task was refused: the queue is full, or the worker is stopping */
    boolean offer(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException refused) {
            return false;
        }
    }

    /**
     * Takes no more tasks and lets those already offered finish for up to {@code grace}; then interrupts the
     * one running, gives it up to {@code grace} again to wrap up, and returns the ones that never started.
     * So stopping takes at most twice the grace.
     */
    List<Runnable> stop(Duration grace) {
        executor.shutdown();
        if (awaitTermination(grace)) {
            return List.of();
        }
        List<Runnable> neverStarted = executor.shutdownNow();
        awaitTermination(grace);
        return neverStarted;
    }

    private boolean awaitTermination(Duration grace) {
        try {
            return executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return executor.isTerminated();
        }
    }
}
