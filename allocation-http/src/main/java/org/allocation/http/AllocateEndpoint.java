package org.allocation.http;

import java.util.List;
import org.allocation.adapters.json.JsonObject;
import org.allocation.domain.commands.Allocate;
import org.allocation.service.messagebus.MessageBus;

/**
 * {@code POST /allocate}: 201 with the chosen batch. Running out of stock is not a failure of the service
 * but a state of the stock the client asked about, hence 409 rather than an error status of ours.
 */
final class AllocateEndpoint implements Endpoint {

    private static final List<String> FIELDS = List.of("orderid", "sku", "qty");

    private final MessageBus bus;

    AllocateEndpoint(MessageBus bus) {
        this.bus = bus;
    }

    @Override
    public Response handle(Request request) {
        JsonObject body = JsonRequestBody.parse(request, FIELDS);
        Allocate command = new Allocate(body.text("orderid"), body.text("sku"), body.wholeNumber("qty"));

        return bus.handle(command, request.correlationId())
                .map(batchref -> Response.json(201, new Allocated(batchref)))
                .orElseGet(() -> Response.error(409, "Out of stock for sku " + command.sku()));
    }

    record Allocated(String batchref) {
    }
}
