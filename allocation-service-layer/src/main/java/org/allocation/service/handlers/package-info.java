/**
 * The handlers: what each command does to the domain, and how the service reacts to each event. They reach
 * storage and the outside world only through the ports they are given.
 */
package org.allocation.service.handlers;
