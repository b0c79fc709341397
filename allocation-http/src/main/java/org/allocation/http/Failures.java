package org.allocation.http;

import org.allocation.adapters.json.InvalidJson;
import org.allocation.domain.InvalidValue;
import org.allocation.domain.model.UnknownBatch;
import org.allocation.service.handlers.BatchReferenceTaken;
import org.allocation.service.handlers.InvalidSku;
import org.allocation.service.ports.ConcurrencyConflict;
import org.allocation.service.ports.StorageUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from what went wrong to what the client hears. The client's mistakes get a 4xx and our
 * message; our own troubles get a 5xx, and only a message: the stack trace goes to the log, never out.
 */
final class Failures {

    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    static Response toResponse(Exception failure) {
        if (failure instanceof InvalidRequest || failure instanceof InvalidJson || failure instanceof InvalidValue
                || failure instanceof InvalidSku) {
            return Response.error(400, failure.getMessage());
        }
        if (failure instanceof UnknownBatch) {
            return Response.error(404, failure.getMessage());
        }
        if (failure instanceof BatchReferenceTaken) {
            return Response.error(409, failure.getMessage());
        }
        if (failure instanceof BodyTooLarge) {
            return Response.error(413, failure.getMessage());
        }
        if (failure instanceof UnsupportedContentType) {
            return Response.error(415, failure.getMessage());
        }
        if (failure instanceof ConcurrencyConflict) {
            // The request was fine and nothing was kept; it lost every retry to concurrent changes of the
            // same product. That is our load, not the client's state (409 would say the opposite), so 503.
            log.warn("Gave up after repeated concurrency conflicts: {}", failure.getMessage());
            return Response.error(503, "Too many concurrent changes to the same product; nothing was changed, "
                    + "please retry").withHeader("Retry-After", "1");
        }
        if (failure instanceof StorageUnavailable) {
            log.warn("Storage unavailable: {}", failure.getMessage());
            return Response.error(503, "Storage is unavailable; nothing was changed, please retry later")
                    .withHeader("Retry-After", "5");
        }
        log.error("Unexpected failure while handling a request", failure);
        return Response.error(500, "Internal error");
    }
}
