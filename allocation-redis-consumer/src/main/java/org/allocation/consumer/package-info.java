/**
 * The consumer process: takes commands from Redis and hands them to the service layer's bus. Where to start
 * reading, by job:
 * <ul>
 *   <li>The process: {@link org.allocation.consumer.Main}; {@code SingleActiveConsumer} (with
 *       {@code ConsumerLease}, {@code PostgresLease}) lets one process of the deployment consume at a time, and
 *       starts the {@link org.allocation.consumer.RedisConsumer}, which opens the connections and starts the
 *       two readers.</li>
 *   <li>Pub/sub, at most once: {@link org.allocation.consumer.PubSubConsumer}.</li>
 *   <li>Streams, at least once: {@link org.allocation.consumer.StreamConsumer} (the reading loop), which talks
 *       to Redis through {@code ConsumerGroup}, holds what it read in {@code InFlightEntries} (its own pending
 *       entries first, {@code OwnPendingCursor}) and settles each {@code StreamEntry} with
 *       {@code EntrySettler}.</li>
 *   <li>Both readers share the work out to {@code KeyedWorkers} by {@code OrderingKey}, and hand each message to
 *       the {@link org.allocation.consumer.MessageHandler}: the message named ({@code MessageKeys}), the command
 *       read ({@link
 *       org.allocation.consumer.InboundChannel}), given to the bus while outlasting lost races
 *       ({@code LostRaceRetry}) and storage outages ({@link org.allocation.consumer.StorageRetry}), or
 *       dead-lettered ({@code DeadLettering}).</li>
 *   <li>Dead letters: {@link org.allocation.consumer.DeadLetter}, kept by
 *       {@link org.allocation.consumer.RedisDeadLetters} and sent back by
 *       {@link org.allocation.consumer.DeadLetterReplay} ({@code replay-dead-letters},
 *       {@code ReplayDeadLettersCommand}).</li>
 *   <li>What the process shows of itself: {@code ConsumerObservability} ({@code ConsumerHttp},
 *       {@code InboundMetrics}, {@code StreamPendingMetrics}).</li>
 * </ul>
 */
package org.allocation.consumer;
