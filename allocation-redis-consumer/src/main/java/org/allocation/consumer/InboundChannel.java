package org.allocation.consumer;

import java.util.Arrays;
import java.util.Optional;
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
    ALLOCATE("allocate") {
        @Override
        Command<?> commandFrom(JsonMessage json) {
            return new Allocate(json.text("orderid"), json.text("sku"), json.wholeNumber("qty"));
        }
    },

    /** {@code {"batchref": "...", "qty": 5}}: a batch's purchased quantity changed upstream. */
    CHANGE_BATCH_QUANTITY("change_batch_quantity") {
        @Override
        Command<?> commandFrom(JsonMessage json) {
            // The command calls this field "ref"; checked here first so that an error names the sender's field.
            String batchref = Require.identifier("batchref", json.text("batchref"));
            return new ChangeBatchQuantity(batchref, json.wholeNumber("qty"));
        }
    };

    private final String channelName;

    InboundChannel(String channelName) {
        this.channelName = channelName;
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
     * The command a payload of this channel asks for.
     *
     * @throws MalformedMessage when the payload cannot be read as this channel's JSON
     * @throws org.allocation.domain.InvalidValue when it can, but a value breaks a domain rule
     */
    public Command<?> parse(String payload) {
        return commandFrom(JsonMessage.parse(payload));
    }

    abstract Command<?> commandFrom(JsonMessage json);
}
