package org.allocation.consumer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Dead letters kept in a list, with a switch to make storing them fail as Redis being down would. */
final class FakeDeadLetters implements DeadLetters {

    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    private final List<String> correlationIds = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    void goDown() {
        down = true;
    }

    List<DeadLetter> letters() {
        return List.copyOf(letters);
    }

    /** The correlation id each letter was stored with, in order. */
    List<String> correlationIds() {
        return List.copyOf(correlationIds);
    }

    @Override
    public void record(DeadLetter letter, String correlationId) {
        if (down) {
            throw new DeadLetterNotRecorded("Redis is down", null);
        }
        letters.add(letter);
        correlationIds.add(correlationId);
    }
}
