package org.allocation.consumer;

/** A dead letter could not be stored (Redis unreachable or too slow): the message survives only in the log. */
public final class DeadLetterNotRecorded extends RuntimeException {

    public DeadLetterNotRecorded(String message, Throwable cause) {
        super(message, cause);
    }
}
