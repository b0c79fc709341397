/**
 * The ports: what the service needs of the outside world (storage, a broker, a way to tell people), as
 * interfaces that an application implements or takes from {@code allocation-adapters}. Their Javadoc states
 * the guarantees an implementation must give, such as a commit refused when a product changed meanwhile.
 */
package org.allocation.service.ports;
