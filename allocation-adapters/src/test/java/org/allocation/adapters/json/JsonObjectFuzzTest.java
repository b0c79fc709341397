package org.allocation.adapters.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import org.allocation.adapters.logging.Printable;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes arrive, the strict reader either reads the fields asked for or refuses with {@link InvalidJson}
 * and a message that holds no raw control character; no other exception escapes it (see {@link HostileInput} for the cases and how to run more).
 */
class JsonObjectFuzzTest {

    private static final List<String> FIELDS = List.of("ref", "sku", "qty", "eta");
    private static final List<String> VALID = List.of(
            "{\"ref\": \"b1\", \"sku\": \"LAMP\", \"qty\": 10, \"eta\": null}",
            "{\"ref\": \"b2\", \"sku\": \"TABLE\", \"qty\": 3, \"eta\": \"2030-01-31\"}");

    @Test
    void everyInputIsReadOrRefusedWithAMessage() {
        HostileInput inputs = new HostileInput(HostileInput.SEED, VALID, FIELDS);

        for (int i = 0; i < HostileInput.cases(); i++) {
            byte[] input = inputs.next();
            for (UnknownFields unknown : UnknownFields.values()) {
                try {
                    JsonObject object = JsonObject.parse(input, FIELDS, unknown);
                    object.text("ref");
                    object.text("sku");
                    object.wholeNumber("qty");
                    object.optionalDate("eta");
                } catch (InvalidJson refused) {
                    assertThat(refused.getMessage()).as("case %d", i).isNotBlank();
                    assertThat(refused.getMessage().chars()).as("case %d: %s", i, refused.getMessage())
                            .noneMatch(c -> c < 0x20 || c == 0x7F);
                } catch (RuntimeException | StackOverflowError unexpected) {
                    fail("case %d (%s): unexpected %s", i, Printable.bytes(input), unexpected, unexpected);
                }
            }
        }
    }
}
