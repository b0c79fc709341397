package org.allocation.consumer;

import org.allocation.adapters.logging.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a message that cannot be handled to the {@link DeadLetters}, and never throws: a letter that cannot be
 * stored is logged, payload and all, as {@link MessageHandler.Outcome#LOST}, so that one bad message and a Redis
 * outage together still cannot stop the consumer.
 */
final class DeadLettering {

    private static final Logger log = LoggerFactory.getLogger(DeadLettering.class);

    private final DeadLetters deadLetters;

    DeadLettering(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * @param correlationId the failed message's, kept with the letter
     * @return {@link MessageHandler.Outcome#DEAD_LETTERED}, or {@link MessageHandler.Outcome#LOST}
     */
    MessageHandler.Outcome send(DeadLetter letter, String correlationId) {
        log.warn("Dead-lettering a message from {}: {}; payload {}", letter.source(), letter.error(),
                Printable.bytes(letter.payload()));
        // A stopping consumer interrupts us; the letter is still worth writing, so the flag waits until after.
        boolean interrupted = Thread.interrupted();
        try {
            deadLetters.record(letter, correlationId);
            return MessageHandler.Outcome.DEAD_LETTERED;
        } catch (RuntimeException notRecorded) {
            log.error("Could not store the dead letter ({}); message from {} lost: error {}; payload {}",
                    notRecorded.getMessage(), letter.source(), letter.error(), Printable.bytes(letter.payload()));
            return MessageHandler.Outcome.LOST;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
