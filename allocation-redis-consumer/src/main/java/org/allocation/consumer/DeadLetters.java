package org.allocation.consumer;

/** Where the messages we cannot handle are kept, for a person to look at and, once fixed, send again. */
public interface DeadLetters {

    /**
     * Stores the letter.
     *
     * @param correlationId the failed message's correlation id, which the letter is stored with
     * @throws DeadLetterNotRecorded when the letter could not be stored
     */
    void record(DeadLetter letter, String correlationId);
}
