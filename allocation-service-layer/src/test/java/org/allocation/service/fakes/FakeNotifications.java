package org.allocation.service.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.allocation.service.ports.Notifications;

/** Keeps what it was asked to send, so a test can read it. */
public final class FakeNotifications implements Notifications {

    public record Sent(String destination, String message) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(String destination, String message) {
        sent.add(new Sent(destination, message));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }
}
