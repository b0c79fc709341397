package org.allocation.adapters.notifications;

/** The mail server refused a notification or could not be reached. */
public final class NotificationNotSent extends RuntimeException {

    public NotificationNotSent(String message, Throwable cause) {
        super(message, cause);
    }
}
