package org.allocation.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.ChangeBatchQuantity;
import org.allocation.domain.commands.Command;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.domain.model.UnknownBatch;
import org.allocation.service.inmemory.InMemoryProductStore;
import org.allocation.service.inmemory.InMemoryUnitOfWork;
import org.allocation.service.messagebus.CommandHandler;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.MessageBusMonitor;
import org.allocation.service.messagebus.RetryPolicy;

/**
 * A bus whose command handlers only write down what they were given, taking a little while each, so that a
 * test can see in which order, and how many at once, a consumer handed messages over. An allocation is
 * written down under its SKU, a change under its batch; a change of batch {@code "unknown"} fails as the
 * real handler would.
 */
final class RecordingCommands {

    private final Map<String, List<Integer>> handledByKey = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> runningByKey = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger overlapsWithinAKey = new AtomicInteger();
    private final long millisEach;

    RecordingCommands(long millisEach) {
        this.millisEach = millisEach;
    }

    MessageBus bus() {
        InMemoryProductStore store = new InMemoryProductStore();
        CommandHandler<Allocate, Optional<String>> allocate = (command, uow) -> {
            record("sku " + command.sku(), command.qty());
            return Optional.empty();
        };
        CommandHandler<ChangeBatchQuantity, Void> change = (command, uow) -> {
            if ("unknown".equals(command.ref())) {
                throw new UnknownBatch(command.ref());
            }
            record("batch " + command.ref(), command.qty());
            return null;
        };
        CommandHandler<CreateBatch, Void> create = (command, uow) -> null;
        Map<Class<? extends Command<?>>, CommandHandler<?, ?>> handlers =
                Map.of(Allocate.class, allocate, ChangeBatchQuantity.class, change, CreateBatch.class, create);
        return new MessageBus(() -> new InMemoryUnitOfWork(store), handlers, Map.of(), RetryPolicy.none(),
                MessageBusMonitor.NONE);
    }

    /** The quantities handled under each key, in the order they were handled. */
    Map<String, List<Integer>> handledByKey() {
        Map<String, List<Integer>> copy = new ConcurrentHashMap<>();
        handledByKey.forEach((key, values) -> {
            synchronized (values) {
                copy.put(key, List.copyOf(values));
            }
        });
        return copy;
    }

    int handled() {
        return handledByKey().values().stream().mapToInt(List::size).sum();
    }

    int mostAtOnce() {
        return mostAtOnce.get();
    }

    int overlapsWithinAKey() {
        return overlapsWithinAKey.get();
    }

    private void record(String key, int value) {
        AtomicInteger ofKey = runningByKey.computeIfAbsent(key, k -> new AtomicInteger());
        if (ofKey.incrementAndGet() > 1) {
            overlapsWithinAKey.incrementAndGet();
        }
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            Thread.sleep(millisEach);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
            ofKey.decrementAndGet();
        }
        List<Integer> values = handledByKey.computeIfAbsent(key, k -> new ArrayList<>());
        synchronized (values) {
            values.add(value);
        }
    }
}
