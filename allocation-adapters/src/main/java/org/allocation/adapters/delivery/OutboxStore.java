package org.allocation.adapters.delivery;

import java.util.List;
import java.util.function.Consumer;

/** The outbox as the relay sees it: the oldest rows, handed out to one relayer at a time. */
public interface OutboxStore {

    /** How one relaying pass ended. */
    enum Pass {
        /** Rows were delivered and deleted; there may be more. */
        RELAYED,
        /** Nothing was waiting. */
        EMPTY,
        /** Another relayer (in this process or another) holds the outbox; try again shortly. */
        BUSY
    }

    /**
     * Takes the oldest rows (at most {@code limit}, in id order) while no other relayer may, gives them to
     * {@code delivery}, and deletes them once it returns, in one transaction: when delivery throws, the rows
     * stay for the next pass.
     *
     * @throws org.allocation.service.ports.StorageUnavailable when the database cannot be reached
     */
    Pass relayOldest(int limit, Consumer<List<OutgoingMessage>> delivery);
}
