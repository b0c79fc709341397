package org.allocation.domain.commands;

/**
 * Something the outside world asks the service to do. A command has exactly one handler, and whether it
 * worked reaches whoever sent it. Each command checks its own values when it is made.
 *
 * @param <R> what handling the command gives back to its sender
 */
public sealed interface Command<R> permits Allocate, CreateBatch, ChangeBatchQuantity {
}
