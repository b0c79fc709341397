package org.allocation.service.ports;

import java.util.ArrayList;
import java.util.List;
import org.allocation.domain.events.Event;
import org.allocation.domain.model.Product;

/**
 * What every unit of work does the same way: take the events of the products it saw once the commit has
 * succeeded (never before: events describe what was kept), and roll back on close unless committed.
 */
public abstract class AbstractUnitOfWork implements UnitOfWork {

    private final List<Event> committedEvents = new ArrayList<>();
    private boolean open = true;

    @Override
    public abstract TrackingProductRepository products();

    @Override
    public final void commit() {
        doCommit();
        for (Product product : products().seen()) {
            committedEvents.addAll(product.pullEvents());
        }
    }

    @Override
    public final void rollback() {
        doRollback();
    }

    @Override
    public final List<Event> collectNewEvents() {
        List<Event> events = List.copyOf(committedEvents);
        committedEvents.clear();
        return events;
    }

    @Override
    public final void close() {
        if (open) {
            open = false;
            try {
                doRollback();
            } finally {
                release();
            }
        }
    }

    /** Makes the changes durable; throws {@link ConcurrencyConflict} when a product changed meanwhile. */
    protected abstract void doCommit();

    /** Throws away whatever was not committed; a no-op when there is nothing. */
    protected abstract void doRollback();

    /** Frees connections, sessions and the like. */
    protected void release() {
    }
}
