package org.allocation.http;

import java.util.List;
import org.allocation.domain.Require;
import org.allocation.service.ports.AllocationsView;

/** {@code GET /allocations/{orderid}}: where each line of the order went, from the read model. */
final class AllocationsEndpoint implements Endpoint {

    private final AllocationsView views;

    AllocationsEndpoint(AllocationsView views) {
        this.views = views;
    }

    @Override
    public Response handle(Request request) {
        // The identifier rule, so that a NUL (%00) in the path is a 400, not a value the database refuses.
        String orderid = Require.identifier("orderid", request.pathParameter("orderid"));

        List<AllocationBody> allocations = views.allocationsFor(orderid).stream()
                .map(allocation -> new AllocationBody(allocation.sku(), allocation.batchref()))
                .toList();

        return allocations.isEmpty()
                ? Response.error(404, "No allocations for order " + orderid)
                : Response.json(200, allocations);
    }

    /** The wire shape, kept apart from the port's record so that renaming one cannot change the other. */
    record AllocationBody(String sku, String batchref) {
    }
}
