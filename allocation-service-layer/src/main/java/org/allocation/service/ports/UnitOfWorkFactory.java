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

    /**
     * A unit of work for a message that has just lost an optimistic race: one that waits for its turn on each
     * product it reads, across processes, so that no concurrent change of that product can commit before it and
     * make it lose again. It costs the others a short wait, so the bus asks for it only after a lost race. A store
     * that has no such turns gives an ordinary unit of work.
     *
     * @return the unit of work, which the caller closes
     */
    default UnitOfWork startTakingTurns() {
        return start();
    }
}
