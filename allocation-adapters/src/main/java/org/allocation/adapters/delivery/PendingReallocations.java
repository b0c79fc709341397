package org.allocation.adapters.delivery;

import java.time.Duration;
import java.util.List;
import org.allocation.domain.events.Deallocated;

/** The lines given back by shrinking batches whose reallocation has not been committed yet. */
public interface PendingReallocations {

    /**
     * The lines deallocated at least {@code age} ago and still not allocated again: younger ones are most
     * likely being reallocated right now, by the process that deallocated them.
     */
    List<Deallocated> olderThan(Duration age, int limit);
}
