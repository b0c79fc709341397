package org.allocation.consumer;

/**
 * A message that cannot even be read as a command: not JSON, not an object, a field missing, null or of the
 * wrong type. The message says which, in the sender's terms, so it can go into the dead letter as it is.
 */
public final class MalformedMessage extends RuntimeException {

    public MalformedMessage(String message) {
        super(message);
    }
}
