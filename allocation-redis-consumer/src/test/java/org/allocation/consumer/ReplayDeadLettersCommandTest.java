package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayDeadLettersCommandTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void readsTheSourceTheLimitAndTheDryRun() {
        Optional<DeadLetterReplay.Request> request =
                parse("--source", "change_batch_quantity", "--limit", "7", "--dry-run");

        assertThat(request).contains(new DeadLetterReplay.Request("change_batch_quantity", 7, true));
    }

    @Test
    void replaysAHundredForRealUnlessToldOtherwise() {
        assertThat(parse("--source", "allocate")).contains(new DeadLetterReplay.Request("allocate", 100, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--source", "--source line_allocated", "--limit 5", "--source allocate --limit 0",
            "--source allocate --limit many", "--source allocate --force"})
    void refusesBadArgumentsWithTheUsageAndStatusTwo(String arguments) {
        String[] args = arguments.isEmpty() ? new String[0] : arguments.split(" ");

        int status = ReplayDeadLettersCommand.run(args, Map.of(), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(ReplayDeadLettersCommand.USAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "--source allocate --help"})
    void helpPrintsTheUsageOnStandardOutputAndSucceeds(String arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = ReplayDeadLettersCommand.run(arguments.split(" "), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(ReplayDeadLettersCommand.USAGE + System.lineSeparator());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anUnknownArgumentIsNamedEscapedBesideTheUsage() {
        int status = ReplayDeadLettersCommand.run(new String[] {"--source", "allocate", "--evil\r\nforged"}, Map.of(),
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unknown argument --evil\\r\\nforged" + System.lineSeparator())
                .contains(ReplayDeadLettersCommand.USAGE);
    }

    private Optional<DeadLetterReplay.Request> parse(String... args) {
        return ReplayDeadLettersCommand.parse(List.of(args), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
