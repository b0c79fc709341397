/**
 * What happened, recorded by the {@link org.allocation.domain.model.Product} as it changes and handled once
 * the change is committed: by other parts of the service (a line given back is allocated again) and by other
 * systems (the warehouse hears of each allocation).
 */
package org.allocation.domain.events;
