/**
 * The model: stock arrives in {@link org.allocation.domain.model.Batch batches}, customers order
 * {@link org.allocation.domain.model.OrderLine lines}, and the {@link org.allocation.domain.model.Product}
 * of each SKU allocates lines to its batches by the rules its Javadoc states. Change a product's batches only
 * through the product: that is what keeps a SKU's stock consistent.
 */
package org.allocation.domain.model;
