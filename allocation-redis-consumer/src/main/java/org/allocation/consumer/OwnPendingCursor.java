package org.allocation.consumer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When the stream reader reads its own pending entries, and where it has got to. They are read before any new
 * entry when the consumer starts (taken over, or ours from before) and after every failed read, whose reply may
 * have delivered entries to us that only such a read finds again. Each pass reads from the start of each stream
 * and moves past what it has handed over, so each entry is read once per pass, in id order.
 */
final class OwnPendingCursor {

    private boolean due = true;
    /** The last id handed over in each stream; null while new entries are read. */
    private Map<String, String> after;

    /** After a failed read: a new pass is due, from the start. */
    void restart() {
        due = true;
    }

    /**
     * Begins the pass that is due, if one is. The caller settles the entries in hand first: they are pending too,
     * and none may be handed out twice at once.
     *
     * @return true when a pass begins now
     */
    boolean beginIfDue() {
        if (!due) {
            return false;
        }
        due = false;
        after = new HashMap<>();
        return true;
    }

    /** Whether a pass is under way: the next read is of our own pending entries. */
    boolean reading() {
        return after != null;
    }

    /** The last id handed over in each stream; a stream not in it is read from its start. */
    Map<String, String> after() {
        return after;
    }

    /** Moves past the entries just read, handed over now. */
    void movePast(List<StreamEntry> entries) {
        for (StreamEntry entry : entries) {
            after.merge(entry.stream(), entry.id(),
                    (one, other) -> StreamEntry.ID_ORDER.compare(one, other) >= 0 ? one : other);
        }
    }

    /** The pass read nothing more: new entries are read from now on. */
    void finish() {
        after = null;
    }
}
