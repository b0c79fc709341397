package org.allocation.http;

import java.util.List;
import org.allocation.adapters.json.JsonObject;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.service.messagebus.MessageBus;

/**
 * {@code POST /add_batch}: 201 once the batch is there, also when it already was with the same content.
 * A different batch under a taken reference comes back from the bus as a conflict (409).
 */
final class AddBatchEndpoint implements Endpoint {

    private static final List<String> FIELDS = List.of("ref", "sku", "qty", "eta");

    private final MessageBus bus;

    AddBatchEndpoint(MessageBus bus) {
        this.bus = bus;
    }

    @Override
    public Response handle(Request request) {
        JsonObject body = JsonRequestBody.parse(request, FIELDS);
        CreateBatch command = new CreateBatch(
                body.text("ref"), body.text("sku"), body.wholeNumber("qty"), body.optionalDate("eta"));

        bus.handle(command, request.correlationId());

        return Response.empty(201);
    }
}
