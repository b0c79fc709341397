package org.allocation.consumer;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.allocation.adapters.json.InvalidJson;
import org.allocation.adapters.logging.LogContext;
import org.allocation.adapters.logging.Printable;
import org.allocation.adapters.redis.StreamEntryFields;
import org.allocation.domain.InvalidValue;
import org.allocation.domain.commands.Command;
import org.allocation.domain.model.UnknownBatch;
import org.allocation.service.handlers.InvalidSku;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.ports.ConcurrencyConflict;
import org.allocation.service.ports.StorageUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one inbound message, whatever brought it: reads the command its source carries, hands it to the
 * bus (outlasting lost races, {@link LostRaceRetry}, and waiting out a storage outage, {@link StorageRetry}), and
 * dead-letters the message when that cannot work ({@link DeadLettering}). It never throws,
 * so one bad message cannot stop the consumer; the {@link Outcome} tells a consumer that acknowledges
 * messages (a stream reader) whether it may.
 */
public final class MessageHandler {

    /** What became of a message. */
    public enum Outcome {
        /** Its command was handled and committed. */
        HANDLED,
        /** It was handled and committed before (a stream entry delivered again): nothing was done. */
        ALREADY_HANDLED,
        /** Storage is still unavailable: nothing was done, and the message should be handled again later. */
        RETRY_LATER,
        /** It could not be handled and is in the dead letters. */
        DEAD_LETTERED,
        /** It could not be handled, and the dead letter could not be stored either: only the log has it. */
        LOST
    }

    private static final Logger log = LoggerFactory.getLogger(MessageHandler.class);
    private static final byte[] NOTHING = new byte[0];

    private final MessageBus bus;
    private final DeadLettering deadLettering;
    private final LostRaceRetry lostRaces = LostRaceRetry.standard();
    private final StorageRetry storageRetry;
    private final Clock clock;
    private final InboundMonitor monitor;

    public MessageHandler(MessageBus bus, DeadLetters deadLetters, StorageRetry storageRetry, Clock clock) {
        this(bus, deadLetters, storageRetry, clock, InboundMonitor.NONE);
    }

    /** @param monitor told what became of each message */
    public MessageHandler(MessageBus bus, DeadLetters deadLetters, StorageRetry storageRetry, Clock clock,
                          InboundMonitor monitor) {
        this.monitor = monitor;
        this.bus = bus;
        this.deadLettering = new DeadLettering(deadLetters);
        this.storageRetry = storageRetry;
        this.clock = clock;
    }

    /**
     * @param channel the pub/sub channel the message came on, which says what command it carries
     * @param payload the message as received
     */
    public Outcome handle(String channel, byte[] payload) {
        return handle(channel, Optional.empty(), Optional.of(payload), Map.of());
    }

    /**
     * Handles an entry of an inbound stream at most once (its id is recorded with the change, see
     * {@link MessageBus#handleOnce}). Unlike a pub/sub message, an entry can be delivered again, so a storage
     * outage that outlasts the patience gives {@link Outcome#RETRY_LATER} instead of a dead letter.
     *
     * @param stream  the stream the entry is in, which says what command it carries
     * @param entryId the entry's id in that stream
     * @param fields  the entry's fields as received: the command in {@code data}, the rest kept if it fails
     */
    public Outcome handleEntry(String stream, String entryId, Map<String, byte[]> fields) {
        return handle(stream, Optional.of(entryId), Optional.ofNullable(fields.get(StreamEntryFields.DATA)), fields);
    }

    private Outcome handle(String source, Optional<String> entryId, Optional<byte[]> payload,
                           Map<String, byte[]> entryFields) {
        String correlationId = MessageKeys.correlationId(source, entryId);
        try (LogContext.Scope correlated = LogContext.correlated(correlationId)) {
            Outcome outcome = handleCorrelated(source, entryId, payload, entryFields, correlationId);
            monitor.handled(source, entryId.isPresent(), outcome);
            return outcome;
        } catch (Error fatal) {
            // Every failure of the message itself is dead-lettered above; an Error (out of memory) stops the worker,
            // and the message must not vanish with it unsaid. A stream entry stays pending and is delivered again.
            log.error("Stopped by {} while handling a message from {}{}; payload {}", fatal, source,
                    entryId.map(id -> " entry " + id).orElse(""), Printable.bytes(payload.orElse(NOTHING)), fatal);
            throw fatal;
        }
    }

    private Outcome handleCorrelated(String source, Optional<String> entryId, Optional<byte[]> payload,
                                     Map<String, byte[]> entryFields, String correlationId) {
        String error;
        try {
            InboundChannel channel = InboundChannel.named(source)
                    .orElseThrow(() -> new MalformedMessage("no command is sent on " + source));
            Command<?> command = channel.parse(payload.orElseThrow(() -> new MalformedMessage(
                    "the entry has no field " + StreamEntryFields.DATA + ", only " + names(entryFields))));
            if (entryId.isPresent()) {
                String processedKey = MessageKeys.processedKey(source, entryId.get(), payload.get());
                boolean firstTime = lostRaces.run(() -> storageRetry.run(
                        () -> bus.handleOnce(command, processedKey, correlationId)));
                log.debug("Handled {} from {} {}", command, source, entryId.get());
                return firstTime ? Outcome.HANDLED : Outcome.ALREADY_HANDLED;
            }
            lostRaces.run(() -> storageRetry.run(() -> bus.handle(command, correlationId)));
            log.debug("Handled {} from {}", command, source);
            return Outcome.HANDLED;
        } catch (StorageUnavailable down) {
            if (entryId.isPresent()) {
                log.warn("Storage unavailable; entry {} of {} stays pending: {}", entryId.get(), source,
                        down.getMessage());
                return Outcome.RETRY_LATER;
            }
            error = "storage unavailable for longer than " + storageRetry.patience().toSeconds() + " s: "
                    + down.getMessage();
        } catch (MalformedMessage | InvalidJson | InvalidValue | InvalidSku | UnknownBatch refused) {
            error = refused.getMessage();
        } catch (ConcurrencyConflict stopping) {
            // Only a stopping consumer gives up a race (LostRaceRetry); an entry is then delivered again.
            if (entryId.isPresent()) {
                log.warn("Stopping; entry {} of {} stays pending: {}", entryId.get(), source, stopping.getMessage());
                return Outcome.RETRY_LATER;
            }
            error = "the consumer stopped while the message still lost to concurrent changes (nothing of it was"
                    + " kept; replay it): " + stopping.getMessage();
        } catch (RuntimeException unexpected) {
            log.error("Unexpected failure handling {} from {}", Printable.bytes(payload.orElse(NOTHING)), source,
                    unexpected);
            error = "unexpected " + unexpected;
        }
        return deadLettering.send(new DeadLetter(source, payload.orElse(NOTHING), error, clock.instant(), entryId,
                entryFields), correlationId);
    }

    /** The fields an entry has, for an error that says it lacks the one we need. */
    private static String names(Map<String, byte[]> fields) {
        return fields.isEmpty() ? "none" : Printable.text(String.join(", ", fields.keySet()));
    }

    /** Dead-letters a stream entry without handling it: it was delivered too often without being handled. */
    public Outcome giveUp(String stream, String entryId, Map<String, byte[]> fields, long deliveries) {
        String correlationId = MessageKeys.correlationId(stream, Optional.of(entryId));
        try (LogContext.Scope correlated = LogContext.correlated(correlationId)) {
            Outcome outcome = giveUpCorrelated(stream, entryId, fields, deliveries, correlationId);
            monitor.handled(stream, true, outcome);
            return outcome;
        }
    }

    private Outcome giveUpCorrelated(String stream, String entryId, Map<String, byte[]> fields, long deliveries,
                                     String correlationId) {
        String error = "delivered " + deliveries + " times without being handled (the consumers handling it stopped"
                + " or failed)";
        return deadLettering.send(new DeadLetter(stream, fields.getOrDefault(StreamEntryFields.DATA, NOTHING), error,
                clock.instant(), Optional.of(entryId), fields), correlationId);
    }
}
