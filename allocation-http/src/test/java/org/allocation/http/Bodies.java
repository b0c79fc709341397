package org.allocation.http;

/** Request bodies as a client would write them. */
final class Bodies {

    private Bodies() {
    }

    static String batch(String ref, String sku, int qty, String eta) {
        return "{\"ref\": \"" + ref + "\", \"sku\": \"" + sku + "\", \"qty\": " + qty + ", \"eta\": "
                + (eta == null ? "null" : "\"" + eta + "\"") + "}";
    }

    static String allocation(String orderid, String sku, int qty) {
        return "{\"orderid\": \"" + orderid + "\", \"sku\": \"" + sku + "\", \"qty\": " + qty + "}";
    }
}
