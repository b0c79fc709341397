package org.allocation.service.ports;

import java.util.List;
import org.allocation.domain.events.Event;

/**
 * One atomic change: what a handler does through {@link #products()} is kept when it calls {@link #commit()},
 * and thrown away otherwise. A unit of work serves one message on one thread; a {@link UnitOfWorkFactory}
 * makes a new one for each message.
 *
 * <p>Use it with try-with-resources, so that work not committed is rolled back:
 * <pre>{@code
 * try (uow) {
 *     Product product = uow.products().get(sku).orElseThrow(...);
 *     product.allocate(line);
 *     uow.commit();
 * }
 * }</pre>
 */
public interface UnitOfWork extends AutoCloseable {

    ProductRepository products();

    /**
     * Makes the changes durable, then takes the events recorded by the products this unit of work saw.
     *
     * @throws ConcurrencyConflict when another transaction changed one of these products first; nothing
     *                             of this unit of work is then kept
     */
    void commit();

    /** Throws away what was not committed. Safe to call more than once. */
    void rollback();

    /** The events taken at the last commit, in the order they were recorded; each is returned once. */
    List<Event> collectNewEvents();

    /** Rolls back whatever was not committed and frees what the unit of work holds. */
    @Override
    void close();
}
