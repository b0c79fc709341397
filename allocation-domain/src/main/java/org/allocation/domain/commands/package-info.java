/**
 * What the outside world asks of the service, one record per request, each checking its own values when it is
 * made. A command has exactly one handler, and its answer (or error) goes back to whoever sent it.
 */
package org.allocation.domain.commands;
