package org.allocation.e2e;

import java.util.UUID;

/**
 * Fresh references for every test, as the book's {@code random_refs}: tests share one database and one Redis, and
 * never see each other's batches, orders or messages.
 */
final class Refs {

    private Refs() {
    }

    static String randomSku(String name) {
        return "sku-" + name + "-" + randomSuffix();
    }

    static String randomBatchRef(String name) {
        return "batch-" + name + "-" + randomSuffix();
    }

    static String randomOrderId(String name) {
        return "order-" + name + "-" + randomSuffix();
    }

    static String randomSuffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
