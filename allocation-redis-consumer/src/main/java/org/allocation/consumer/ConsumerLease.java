package org.allocation.consumer;

/**
 * The right to be the one active consumer of a deployment (see {@link SingleActiveConsumer}). At most one
 * process holds it at a time; it is freed when its holder releases it or dies.
 *
 * <p>None of these methods throws: a lease that cannot be reached is a lease not held.
 */
interface ConsumerLease extends AutoCloseable {

    /** Takes the lease if nobody holds it; true when this process holds it now. */
    boolean tryAcquire();

    /**
     * Asks the lease's keeper whether this process still holds it: true only when the keeper answered yes,
     * just now. A holder that gets false has lost it and must stop taking work.
     */
    boolean confirm();

    /** Gives the lease up (another process may take it at once); safe to call when not held. */
    @Override
    void close();
}
