package org.allocation.adapters;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link AllocationSystem} has opened, closed in the reverse order: what was opened last may use what was
 * opened before it (the relay uses the pool, the pool outlives the jobs that query it). Used twice: when starting
 * fails halfway, for what was opened so far, and by {@link AllocationSystem#close()}. A resource that fails to
 * close is logged and the others are still closed.
 */
final class Resources implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Resources.class);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Keeps {@code resource} to be closed before everything added so far; returns it, for use in one line. */
    synchronized <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes every resource, the last added first; safe to call more than once (the second call finds none). */
    @Override
    public synchronized void close() {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception failure) {
                log.warn("Closing {} failed", resource, failure);
            }
        }
    }
}
