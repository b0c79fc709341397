/**
 * The allocation domain, free of any framework: an online furniture retailer receives batches of stock and
 * allocates customers' order lines to them.
 *
 * <ul>
 *   <li>{@link org.allocation.domain.model} holds the model: {@code OrderLine}, {@code Batch} and the
 *       {@code Product} aggregate, through which every change to a SKU's stock goes.</li>
 *   <li>{@link org.allocation.domain.commands} holds what the outside world asks of the service.</li>
 *   <li>{@link org.allocation.domain.events} holds what the model records as it changes.</li>
 * </ul>
 *
 * <p>Every value is checked where it is made; a bad one throws {@link org.allocation.domain.InvalidValue}.
 *
 * <p>The rules a caller relies on (allocation order, allocating twice changes nothing, the most recent lines
 * given back first, which events are recorded) are stated on {@link org.allocation.domain.model.Product}.
 * Nothing here is thread-safe or needs to be: a product is changed by one unit of work at a time.
 */
package org.allocation.domain;
