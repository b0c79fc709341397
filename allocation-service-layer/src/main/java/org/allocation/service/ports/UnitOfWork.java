package org.allocation.service.ports;

import java.util.List;
import org.allocation.domain.events.Event;

/**
 * One atomic change: what a handler does through {@link #products()} is kept when it calls {@link #commit()},
 * and thrown away otherwise. A unit of work serves one message on one thread; a {@link UnitOfWorkFactory}
 * makes a new one for each message.
 *
 * <p>The bus owns its lifetime: it opens it, hands it to one handler, collects the events the commit took and
 * closes it, which rolls back whatever was not committed. A handler only uses it and commits:
 * <pre>{@code
 * Product product = uow.products().get(sku).orElseThrow(...);
 * product.allocate(line);
 * uow.commit();
 * }</pre>
 */
public interface UnitOfWork extends AutoCloseable {

    /**
     * Where this unit of work finds and adds products; each product it hands out is one whose events the
     * commit collects.
     *
     * @return the repository of this unit of work
     */
    ProductRepository products();

    /**
     * Makes the changes durable, then takes the events recorded by the products this unit of work saw.
     *
     * @throws ConcurrencyConflict when another transaction changed one of these products first; nothing
     *                             of this unit of work is then kept
     */
    void commit();

    /**
     * Makes this unit of work the handling of one identified message (such as a stream entry; the id is unique
     * per source): the commit records the id in the same transaction as the change, so that the message
     * delivered again is recognised here and changes nothing twice.
     *
     * @param messageId the message's id, unique per source
     * @return false when a message with this id was handled (committed) before: the caller leaves it alone
     */
    boolean handlesMessage(String messageId);

    /**
     * Makes this unit of work the handling of an event that was kept in storage when it was recorded (a
     * database keeps the events whose loss would lose an effect), so that the commit settles it in the same
     * transaction. Events that were not kept need nothing.
     *
     * @param event the event being handled
     */
    void handlesEvent(Event event);

    /**
     * Makes the events this unit of work keeps for other systems (an outbox) carry the correlation id of what
     * caused them: the HTTP request, the inbound message. Without one, each such event is its own correlation.
     *
     * @param correlationId the id, as the bus was given it for the message; blank or {@code "-"} is none, and an
     *                      implementation may keep only its first 255 characters
     */
    void correlatesWith(String correlationId);

    /** Throws away what was not committed. Safe to call more than once. */
    void rollback();

    /**
     * The events taken at the last commit, in the order they were recorded; each is returned once.
     *
     * @return the events; empty when nothing was committed since the last call
     */
    List<Event> collectNewEvents();

    /** Rolls back whatever was not committed and frees what the unit of work holds. */
    @Override
    void close();
}
