package org.allocation.service.ports;

/** Tells a person something: an e-mail, a chat message, a log line. */
public interface Notifications {

    /**
     * @param destination who to tell, such as an e-mail address
     * @param message     what to tell them, one short paragraph
     */
    void send(String destination, String message);
}
