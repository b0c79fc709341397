package org.allocation.service.inmemory;

import org.allocation.service.ports.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Notifications as log lines at WARN: what a service without a mail server does. */
public final class LoggingNotifications implements Notifications {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotifications.class);

    @Override
    public void send(String destination, String message) {
        log.warn("Notification for {}: {}", destination, message);
    }
}
