package org.allocation.consumer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Dead letters kept in a list, with a switch to make storing them fail as Redis being down would. */
final class FakeDeadLetters implements DeadLetters {

    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    void goDown() {
        down = true;
    }

    List<DeadLetter> letters() {
        return List.copyOf(letters);
    }

    @Override
    public void record(DeadLetter letter) {
        if (down) {
            throw new DeadLetterNotRecorded("Redis is down", null);
        }
        letters.add(letter);
    }
}
