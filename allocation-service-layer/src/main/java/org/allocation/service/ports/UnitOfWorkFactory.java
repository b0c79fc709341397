package org.allocation.service.ports;

/** Makes a fresh {@link UnitOfWork} for each message the bus handles. Safe to share between threads. */
@FunctionalInterface
public interface UnitOfWorkFactory {

    /**
     * A new unit of work, which the caller closes.
     *
     * @return the unit of work, not shared with any other
     */
    UnitOfWork start();
}
