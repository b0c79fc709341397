package org.allocation.consumer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.allocation.adapters.json.JsonObject;
import org.allocation.adapters.json.UnknownFields;
import org.allocation.domain.Require;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.ChangeBatchQuantity;
import org.allocation.domain.commands.Command;

/**
 * The names the outside world sends us commands on, each with the JSON it carries. The same names serve
 * pub/sub channels and, with the same JSON, Redis Streams, so a consumer of either reads commands here.
 */
public enum InboundChannel {

    /** {@code {"orderid": "...", "sku": "...", "qty": 3}}: the book's exercise, an allocation by message. */
    ALLOCATE("allocate", List.of("orderid", "sku", "qty")) {
        @Override
        Command<?> commandFrom(JsonObject json) {
            return new Allocate(json.text("orderid"), json.text("sku"), json.wholeNumber("qty"));
        }
    },

    /** {@code {"batchref": "...", "qty": 5}}: a batch's purchased quantity changed upstream. */
    CHANGE_BATCH_QUANTITY("change_batch_quantity", List.of("batchref", "qty")) {
        @Override
        Command<?> commandFrom(JsonObject json) {
            // The command calls this field "ref"; checked here first so that an error names the sender's field.
            String batchref = Require.identifier("batchref", json.text("batchref"));
            return new ChangeBatchQuantity(batchref, json.wholeNumber("qty"));
        }
    };

    private final String channelName;
    private final List<String> fields;

    InboundChannel(String channelName, List<String> fields) {
        this.channelName = channelName;
        this.fields = fields;
    }

    public String channelName() {
        return channelName;
    }

    public static Optional<InboundChannel> named(String channelName) {
        return Arrays.stream(values()).filter(channel -> channel.channelName.equals(channelName)).findFirst();
    }

    public static String[] channelNames() {
        return Arrays.stream(values()).map(InboundChannel::channelName).toArray(String[]::new);
    }

    /**
     * The command a payload of this channel asks for. Fields it does not read are ignored, so that a producer can
     * add some without its messages being refused (docs/MESSAGES.md).
     *
     * @param payload the message as received, bytes that should be JSON in UTF-8
     * @throws org.allocation.adapters.json.InvalidJson when the payload cannot be read as this channel's JSON
     * @throws org.allocation.domain.InvalidValue when it can, but a value breaks a domain rule
     */
    public Command<?> parse(byte[] payload) {
        return commandFrom(JsonObject.parse(payload, fields, UnknownFields.IGNORED));
    }

    abstract Command<?> commandFrom(JsonObject json);
}
