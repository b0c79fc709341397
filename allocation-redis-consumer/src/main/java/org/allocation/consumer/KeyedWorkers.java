package org.allocation.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of worker threads, each running its tasks one at a time in the order they were offered; a
 * task goes to the worker its key hashes to. So tasks with the same key run in order, never two at once, and
 * tasks with different keys run side by side.
 *
 * <p>Offering never blocks, so it is safe from a Netty event loop; at most {@code capacity} tasks wait for
 * each worker, and an offer beyond that is refused rather than letting a flood of messages fill the heap.
 */
final class KeyedWorkers {

    private final List<ThreadPoolExecutor> workers = new ArrayList<>();

    /**
     * @param threadName the workers' threads are called this, then a dash and their number
     * @param count      how many workers, at least one
     * @param capacity   how many tasks may wait for each worker
     */
    KeyedWorkers(String threadName, int count, int capacity) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one worker, not " + count);
        }
        for (int i = 0; i < count; i++) {
            String name = threadName + "-" + i;
            workers.add(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(capacity),
                    task -> new Thread(task, name), new ThreadPoolExecutor.AbortPolicy()));
        }
    }

    int count() {
        return workers.size();
    }

    /** @return false when the task was refused: its worker's queue is full, or the workers are stopping */
    boolean offer(String key, Runnable task) {
        try {
            workers.get(Math.floorMod(key.hashCode(), workers.size())).execute(task);
            return true;
        } catch (RejectedExecutionException refused) {
            return false;
        }
    }

    /**
     * Takes no more tasks and lets those already offered finish for up to {@code grace}; then interrupts the
     * ones running, gives them up to {@code grace} again to wrap up, and returns the tasks that never
     * started. So stopping takes at most twice the grace, however many workers there are.
     */
    List<Runnable> stop(Duration grace) {
        workers.forEach(ThreadPoolExecutor::shutdown);
        if (awaitTermination(grace)) {
            return List.of();
        }
        List<Runnable> neverStarted = new ArrayList<>();
        workers.forEach(worker -> neverStarted.addAll(worker.shutdownNow()));
        awaitTermination(grace);
        return neverStarted;
    }

    private boolean awaitTermination(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        boolean terminated = true;
        for (ThreadPoolExecutor worker : workers) {
            try {
                terminated &= worker.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return workers.stream().allMatch(ThreadPoolExecutor::isTerminated);
            }
        }
        return terminated;
    }
}
