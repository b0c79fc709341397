package org.allocation.adapters.json;

/** What a {@link JsonObject} does with a field it was not told to expect. */
public enum UnknownFields {
    /**
     * Refused, naming it: for a request answered at once (HTTP), where a misspelt optional field would
     * otherwise be silently ignored and the client can fix it straight away.
     */
    REFUSED,
    /**
     * Ignored: for a published message format (docs/MESSAGES.md), so that a producer can add a field without
     * its messages being dead-lettered by readers that do not know it yet.
     */
    IGNORED
}
