package org.allocation.consumer;

/**
 * A message that cannot even be read as a command: it came on a source that carries none, or (a stream entry)
 * without the field {@code data} that holds the command. What the JSON itself can be wrong with is
 * {@link org.allocation.adapters.json.InvalidJson}'s.
 */
public final class MalformedMessage extends RuntimeException {

    public MalformedMessage(String message) {
        super(message);
    }
}
