package org.allocation.service.ports;

/** Makes a fresh {@link UnitOfWork} for each message the bus handles. Safe to share between threads. */
@FunctionalInterface
public interface UnitOfWorkFactory {

    UnitOfWork start();
}
