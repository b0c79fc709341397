package org.allocation.service.fakes;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocation.domain.events.Event;
import org.allocation.service.inmemory.InMemoryProductStore;
import org.allocation.service.inmemory.InMemoryUnitOfWork;
import org.allocation.service.ports.ConcurrencyConflict;
import org.allocation.service.ports.UnitOfWork;
import org.allocation.service.ports.UnitOfWorkFactory;

/**
 * Units of work over an in-memory store that count their commits and can be told to lose the next races,
 * as a real database would under load.
 */
public final class FakeUnitOfWorkFactory implements UnitOfWorkFactory {

    private final InMemoryProductStore store = new InMemoryProductStore();
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger conflictsToRaise = new AtomicInteger();
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();
    private final List<Optional<String>> committedCorrelations = new CopyOnWriteArrayList<>();

    @Override
    public UnitOfWork start() {
        started.add("racing");
        return new FakeUnitOfWork();
    }

    @Override
    public UnitOfWork startTakingTurns() {
        started.add("taking turns");
        return new FakeUnitOfWork();
    }

    /** How each unit of work was started, in order: "racing" or "taking turns". */
    public List<String> started() {
        return List.copyOf(started);
    }

    /** How many units of work were closed (each once, however often close was called). */
    public int closed() {
        return closed.get();
    }

    /** The correlation id of each successful commit, in order. */
    public List<Optional<String>> committedCorrelations() {
        return List.copyOf(committedCorrelations);
    }

    public InMemoryProductStore store() {
        return store;
    }

    /** How many commits succeeded. */
    public int commits() {
        return commits.get();
    }

    /** The next {@code count} commits fail with {@link ConcurrencyConflict}. */
    public void loseNextRaces(int count) {
        conflictsToRaise.set(count);
    }

    private final class FakeUnitOfWork extends InMemoryUnitOfWork {

        FakeUnitOfWork() {
            super(store);
        }

        @Override
        protected void doCommit(List<Event> events) {
            if (conflictsToRaise.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new ConcurrencyConflict("lost a race, as told");
            }
            super.doCommit(events);
            commits.incrementAndGet();
            committedCorrelations.add(correlationId());
        }

        @Override
        protected void release() {
            closed.incrementAndGet();
        }
    }
}
