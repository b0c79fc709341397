package org.allocation.service.ports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.allocation.domain.events.Event;
import org.allocation.domain.model.Product;

/**
 * What every unit of work does the same way: at commit, take the events of the products it saw and hand
 * them to the implementation (a database stores them in the same transaction, so that none is lost between
 * the commit and their handling); give them to the bus only once the commit has succeeded, since events
 * describe what was kept; and roll back on close unless committed.
 */
public abstract class AbstractUnitOfWork implements UnitOfWork {

    /** The longest correlation id kept; a longer one is cut (it is stored with events, in a bounded column). */
    public static final int MAX_CORRELATION_ID_LENGTH = 255;

    private final List<Event> committedEvents = new ArrayList<>();
    private Optional<String> messageId = Optional.empty();
    private Optional<Event> handledEvent = Optional.empty();
    private Optional<String> correlationId = Optional.empty();
    private boolean open = true;

    @Override
    public abstract TrackingProductRepository products();

    @Override
    public final void commit() {
        List<Event> events = new ArrayList<>();
        for (Product product : products().seen()) {
            events.addAll(product.pullEvents());
        }
        doCommit(events);
        committedEvents.addAll(events);
        // Recorded once: a second commit of the same unit of work is another change, not the message again.
        messageId = Optional.empty();
        handledEvent = Optional.empty();
    }

    @Override
    public final boolean handlesMessage(String id) {
        if (wasHandled(id)) {
            return false;
        }
        messageId = Optional.of(id);
        return true;
    }

    @Override
    public final void handlesEvent(Event event) {
        handledEvent = Optional.of(event);
    }

    @Override
    public final void correlatesWith(String id) {
        // Blank, or the log pattern's placeholder, is no id at all.
        correlationId = Optional.ofNullable(id)
                .filter(usable -> !usable.isBlank() && !"-".equals(usable))
                .map(usable -> usable.length() > MAX_CORRELATION_ID_LENGTH
                        ? usable.substring(0, MAX_CORRELATION_ID_LENGTH) : usable);
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

    /**
     * Makes the changes durable, together with whatever of {@code events} the implementation keeps; throws
     * {@link ConcurrencyConflict} when a product changed meanwhile.
     *
     * <p>In the same transaction it records {@link #messageId()}, when there is one, and settles
     * {@link #handledEvent()}, when the implementation kept it; the events it keeps for other systems carry
     * {@link #correlationId()}.
     *
     * @param events the events the products recorded, in order
     */
    protected abstract void doCommit(List<Event> events);

    /**
     * Whether a message with this id was committed before, as {@link #doCommit} records it.
     *
     * @param messageId the message's id
     * @return true when it was
     */
    protected abstract boolean wasHandled(String messageId);

    /**
     * The id of the message this unit of work handles, which {@link #doCommit} records.
     *
     * @return the id; empty when none
     */
    protected final Optional<String> messageId() {
        return messageId;
    }

    /**
     * The kept event this unit of work handles, which {@link #doCommit} settles.
     *
     * @return the event; empty when none
     */
    protected final Optional<Event> handledEvent() {
        return handledEvent;
    }

    /**
     * The correlation id of what caused this change, which {@link #doCommit} stores with the events it keeps
     * for other systems.
     *
     * @return the id; empty when the caller gave none
     */
    protected final Optional<String> correlationId() {
        return correlationId;
    }

    /** Throws away whatever was not committed; a no-op when there is nothing. */
    protected abstract void doRollback();

    /** Frees connections, sessions and the like. */
    protected void release() {
    }
}
