/**
 * The service layer: it turns commands into changes of the domain, each in one unit of work, and reacts to the
 * events those changes record. {@link org.allocation.service.Bootstrap} wires the handlers into a
 * {@link org.allocation.service.messagebus.MessageBus}; its three tables (commands, events, outgoing events) are
 * the whole flow of the service.
 * To run the service without any server, start an {@link org.allocation.service.inmemory.InMemoryAllocation}.
 */
package org.allocation.service;
