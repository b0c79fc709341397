package org.allocation.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The stream entries in hand: handed to the {@link KeyedWorkers} and not yet acknowledged. The reading thread
 * hands entries over and acknowledges those settled; the workers settle them.
 *
 * <ul>
 *   <li>The entries handed over are sorted in id order (the order they were added in: the ids are times), and
 *       each goes to the worker of its {@link OrderingKey} (a SKU's allocations, a batch's changes): entries with
 *       the same key are settled in that order, one at a time, and the others side by side.</li>
 *   <li>At most {@code room} entries are in hand at once (two reads' worth in production): handing over waits
 *       for room, so the reading thread can read the next entries while the workers settle the last ones, and
 *       never more than that wait for one worker.</li>
 *   <li>An entry is acknowledged only once settled (its outcome final), by the reading thread, when it asks:
 *       after each read, all that were settled meanwhile at once ({@link ConsumerGroup#acknowledge}: one
 *       {@code XACK} per stream). An entry whose settling was stopped stays pending.</li>
 * </ul>
 */
final class InFlightEntries {

    private final KeyedWorkers workers;
    private final int room;
    /** Room for the entries handed to the workers and not settled yet. */
    private final Semaphore inHand;
    private final Predicate<StreamEntry> settle;
    private final Consumer<List<StreamEntry>> acknowledge;
    private final Queue<StreamEntry> settled = new ConcurrentLinkedQueue<>();

    /**
     * @param workers     where each entry is settled, by its key; at least {@code room} tasks may wait for each
     * @param room        how many entries may be in hand at once
     * @param settle      settles an entry on a worker's thread ({@link EntrySettler#settle}); false when it
     *                    stopped first
     * @param acknowledge acknowledges settled entries, on the reading thread
     */
    InFlightEntries(KeyedWorkers workers, int room, Predicate<StreamEntry> settle,
                    Consumer<List<StreamEntry>> acknowledge) {
        this.workers = workers;
        this.room = room;
        this.inHand = new Semaphore(room);
        this.settle = settle;
        this.acknowledge = acknowledge;
    }

    /** Hands the entries to the workers in id order, each once there is room in hand; does not wait for them. */
    void handOver(List<StreamEntry> entries) {
        List<StreamEntry> inOrder = new ArrayList<>(entries);
        inOrder.sort(Comparator.comparing(StreamEntry::id, StreamEntry.ID_ORDER));
        for (StreamEntry entry : inOrder) {
            try {
                inHand.acquire();
            } catch (InterruptedException interrupted) {
                // Stopping: this entry and the rest stay pending.
                Thread.currentThread().interrupt();
                return;
            }
            boolean offered = workers.offer(entry.orderingKey(), () -> {
                try {
                    if (settle.test(entry)) {
                        settled.add(entry);
                    }
                } finally {
                    inHand.release();
                }
            });
            if (!offered) {
                // Stopping: the entry stays pending.
                inHand.release();
            }
        }
    }

    /** Acknowledges the entries settled since the last time, without waiting for the others. */
    void acknowledgeSettled() {
        List<StreamEntry> done = new ArrayList<>();
        for (StreamEntry entry = settled.poll(); entry != null; entry = settled.poll()) {
            done.add(entry);
        }
        if (!done.isEmpty()) {
            acknowledge.accept(done);
        }
    }

    /** Waits until nothing is in hand, then acknowledges what was settled. */
    void settleEverythingInHand() {
        try {
            inHand.acquire(room);
            inHand.release(room);
        } catch (InterruptedException interrupted) {
            // Stopping, and the workers took too long: what they settle is recognised when delivered again.
            Thread.currentThread().interrupt();
            return;
        }
        acknowledgeSettled();
    }

    /**
     * Takes no more entries, and lets those in hand be settled (see {@link KeyedWorkers#stop}). Entries that
     * never started stay pending: nothing to log, the next consumer has them.
     */
    void stop(Duration grace) {
        workers.stop(grace);
    }
}
