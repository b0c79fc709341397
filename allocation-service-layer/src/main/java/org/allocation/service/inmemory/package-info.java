/**
 * An implementation of every port in memory, with the guarantees of the real ones, and
 * {@link org.allocation.service.inmemory.InMemoryAllocation}, which wires them into the whole service: for
 * applications that embed allocation, for tests and for trying it out.
 */
package org.allocation.service.inmemory;
