package org.allocation.service.messagebus;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.allocation.domain.commands.Command;
import org.allocation.domain.events.Event;
import org.allocation.service.ports.UnitOfWork;
import org.allocation.service.ports.UnitOfWorkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each message to its handlers, each in a fresh unit of work, then handles the events they caused.
 *
 * <ul>
 *   <li>A command has exactly one handler; what it answers, or the exception it throws, reaches the
 *       caller.</li>
 *   <li>An event has any number of handlers. One that fails is logged; the others, and the command that
 *       caused the event, carry on regardless.</li>
 *   <li>Events are handled only once the change that recorded them is committed, in the order recorded,
 *       and the events those handlers cause are queued behind them.</li>
 *   <li>The bus owns every unit of work ({@link Attempts}): it opens one for each attempt of a handler, the
 *       handler uses and commits it, and the bus collects the events the commit took and closes it. The command's correlation id, when the
 *       caller gives one, goes to each of them, the event handlers' included.</li>
 *   <li>A handler that loses an optimistic-concurrency race is run again, on fresh data, as the
 *       {@link RetryPolicy} allows, in a unit of work that takes its turn on the products it reads
 *       ({@link UnitOfWorkFactory#startTakingTurns()}).</li>
 * </ul>
 *
 * <p>The bus keeps no state between messages: one instance serves any number of threads.
 */
public final class MessageBus {

    private static final Logger log = LoggerFactory.getLogger(MessageBus.class);

    private final UnitOfWorkFactory unitsOfWork;
    private final Map<Class<?>, CommandHandler<?, ?>> commandHandlers;
    private final Map<Class<?>, List<EventHandler<?>>> eventHandlers;
    private final RetryPolicy retry;
    private final MessageBusMonitor monitor;

    /**
     * A bus that tells {@code monitor} how each message went.
     *
     * @param unitsOfWork     makes a fresh unit of work for each command and for each event handler
     * @param commandHandlers the one handler of each command type; every command type must have one
     * @param eventHandlers   the handlers of each event type, in the order they run
     * @param retry           how often a handler that lost an optimistic-concurrency race is run again
     * @param monitor         told how each message went (timings, outcomes, retries)
     * @throws IllegalArgumentException when a command type has no handler
     */
    public MessageBus(UnitOfWorkFactory unitsOfWork,
                      Map<Class<? extends Command<?>>, CommandHandler<?, ?>> commandHandlers,
                      Map<Class<? extends Event>, List<EventHandler<?>>> eventHandlers,
                      RetryPolicy retry, MessageBusMonitor monitor) {
        this.monitor = monitor;
        this.unitsOfWork = unitsOfWork;
        this.commandHandlers = Map.copyOf(commandHandlers);
        this.eventHandlers = eventHandlers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
        this.retry = retry;
        Set<Class<?>> unhandled = Arrays.stream(Command.class.getPermittedSubclasses())
                .filter(type -> !this.commandHandlers.containsKey(type))
                .collect(Collectors.toSet());
        if (!unhandled.isEmpty()) {
            throw new IllegalArgumentException("No handler for commands " + unhandled);
        }
    }

    /**
     * Handles the command and, once it is committed, the events it caused, all on the calling thread: when
     * this returns, every event handler has run (the publisher has been given each allocation, a line a
     * shrinking batch gave back has been allocated again). Nothing correlates the events it causes.
     *
     * @param <R>     what the command answers
     * @param command the command
     * @return the command handler's answer
     * @throws RuntimeException what the command handler threw, such as
     *                          {@link org.allocation.domain.InvalidValue}, or the last
     *                          {@link org.allocation.service.ports.ConcurrencyConflict} when every retry lost;
     *                          nothing was changed then. A failing event handler never reaches the caller.
     */
    public <R> R handle(Command<R> command) {
        return dispatch(command, Optional.empty(), Optional.empty()).result();
    }

    /**
     * As {@link #handle(Command)}, for a command that an identified request or message carries: every unit of
     * work the command and its events open is given the correlation id ({@link UnitOfWork#correlatesWith}), so
     * that the events it keeps for other systems name their cause.
     *
     * @param <R>           what the command answers
     * @param command       the command
     * @param correlationId what caused it, such as an HTTP request's {@code X-Request-Id}; what of it is kept is
     *                      {@link UnitOfWork#correlatesWith}'s rule
     * @return the command handler's answer
     */
    public <R> R handle(Command<R> command, String correlationId) {
        return dispatch(command, Optional.empty(), Optional.ofNullable(correlationId)).result();
    }

    /**
     * Handles the command of an identified message (a stream entry) at most once: the id is recorded in the
     * same transaction as the change, and a message whose id was recorded before is recognised before its
     * handler runs. A message delivered twice, even at the same time to two processes, changes things once.
     *
     * @param command       the command the message carries
     * @param messageId     unique per message across every source, such as the stream's name and the entry id
     * @param correlationId what caused it, as for {@link #handle(Command, String)}
     * @return true when the command was handled now; false when the message had been handled before, so
     *         nothing was done
     */
    public boolean handleOnce(Command<?> command, String messageId, String correlationId) {
        return dispatch(command, Optional.of(messageId), Optional.ofNullable(correlationId)).firstTime();
    }

    /**
     * Handles an event that was recorded and committed earlier but whose handling never finished (the process
     * stopped in between), as a recovery finds it in storage. Its handlers must tolerate running twice. Its
     * cause is long gone: nothing correlates the events it causes.
     *
     * @param event the event, as it was recorded
     */
    public void handleRecovered(Event event) {
        handleEvents(List.of(event), Optional.empty());
    }

    private <R> Handled<R> dispatch(Command<R> command, Optional<String> messageId, Optional<String> correlationId) {
        CommandHandler<Command<R>, R> handler = handlerOf(command);
        long started = System.nanoTime();
        Handled<R> handled;
        try {
            handled = attempts(command.getClass(), correlationId).run(uow -> {
                if (messageId.isPresent() && !uow.handlesMessage(messageId.get())) {
                    return new Handled<R>(null, List.of(), false);
                }
                R result = handler.handle(command, uow);
                return new Handled<>(result, uow.collectNewEvents(), true);
            });
        } catch (RuntimeException failure) {
            monitor.handled(command.getClass(), since(started), MessageBusMonitor.Outcome.FAILURE);
            throw failure;
        }
        monitor.handled(command.getClass(), since(started),
                handled.firstTime() ? MessageBusMonitor.Outcome.SUCCESS : MessageBusMonitor.Outcome.DUPLICATE);
        handleEvents(handled.events(), correlationId);
        return handled;
    }

    /** The events, and those their handlers cause, in order; each inherits the command's correlation id. */
    private void handleEvents(List<Event> events, Optional<String> correlationId) {
        Deque<Event> queue = new ArrayDeque<>(events);
        while (!queue.isEmpty()) {
            Event event = queue.poll();
            for (EventHandler<?> handler : eventHandlers.getOrDefault(event.getClass(), List.of())) {
                @SuppressWarnings("unchecked")
                EventHandler<Event> typed = (EventHandler<Event>) handler;
                long started = System.nanoTime();
                try {
                    queue.addAll(attempts(event.getClass(), correlationId).run(uow -> {
                        uow.handlesEvent(event);
                        typed.handle(event, uow);
                        return uow.collectNewEvents();
                    }));
                    monitor.handled(event.getClass(), since(started), MessageBusMonitor.Outcome.SUCCESS);
                } catch (RuntimeException failure) {
                    monitor.handled(event.getClass(), since(started), MessageBusMonitor.Outcome.FAILURE);
                    log.error("Handler {} failed on {}; the other handlers carry on", handler, event, failure);
                }
            }
        }
    }

    private Attempts attempts(Class<?> messageType, Optional<String> correlationId) {
        return new Attempts(unitsOfWork, retry, correlationId, () -> monitor.retried(messageType));
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @SuppressWarnings("unchecked")
    private <R> CommandHandler<Command<R>, R> handlerOf(Command<R> command) {
        return (CommandHandler<Command<R>, R>) commandHandlers.get(command.getClass());
    }

    private record Handled<R>(R result, List<Event> events, boolean firstTime) {
    }
}
