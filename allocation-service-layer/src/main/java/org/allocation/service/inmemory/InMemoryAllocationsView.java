package org.allocation.service.inmemory;

import java.util.List;
import org.allocation.service.ports.AllocationsView;

/** The read model over an {@link InMemoryProductStore}. */
public final class InMemoryAllocationsView implements AllocationsView {

    private final InMemoryProductStore store;

    /**
     * The view of what this store holds, committed changes only.
     *
     * @param store the products
     */
    public InMemoryAllocationsView(InMemoryProductStore store) {
        this.store = store;
    }

    @Override
    public List<Allocation> allocationsFor(String orderid) {
        return store.allocationsFor(orderid);
    }
}
