package org.allocation.domain.events;

/**
 * Something that happened to the model, recorded by the {@code Product} aggregate as it changes and handled
 * after the change is committed. Any number of handlers may react to one event.
 */
public sealed interface Event permits Allocated, Deallocated, OutOfStock {
}
