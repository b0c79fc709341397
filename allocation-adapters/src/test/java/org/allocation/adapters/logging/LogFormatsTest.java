package org.allocation.adapters.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both log formats as the processes configure them (logging/text.xml, logging/json.xml): whatever an identifier or
 * payload holds, one event is one line, and no raw control character from input reaches the log.
 */
class LogFormatsTest {

    /** A CR/LF that would start a line looking like ours, a NUL, DEL, a C1 control and a Unicode line separator. */
    private static final String HOSTILE =
            "o1\r\n2026-01-01T00:00:00.000Z INFO  [main] forged - hello\u0000\u007F\u0085\u2028!";

    @Test
    void theTextFormatWritesOneLinePerEventWithInputEscaped() throws Exception {
        String written = log("text", HOSTILE);

        assertThat(written.lines().toList()).hasSize(1);
        assertThat(written).endsWith(" - allocating " + "o1\\r\\n2026-01-01T00:00:00.000Z INFO  [main] forged - hello"
                + "\\u0000\\u007F\\u0085\\u2028!" + System.lineSeparator());
        assertNoRawControlCharacters(written);
    }

    @Test
    void theTextFormatEscapesTheMessagesOfAStackTraceButKeepsOneFrameALine() throws Exception {
        String written = log("text", new IllegalStateException("refused " + HOSTILE,
                new IllegalArgumentException("cause\nforged")));

        List<String> lines = written.lines().toList();
        assertThat(lines.get(1)).startsWith("java.lang.IllegalStateException: refused o1\\r\\n2026");
        assertThat(lines)
                .anyMatch(line -> line.startsWith("Caused by: java.lang.IllegalArgumentException: cause\\nforged"));
        assertThat(lines).noneMatch(line -> line.startsWith("2026-01-01") || line.startsWith("forged"));
        assertNoRawControlCharacters(written);
    }

    @Test
    void theJsonFormatWritesOneObjectPerLineHoldingTheMessageExactly() throws Exception {
        String written = log("json", HOSTILE);

        assertThat(written.lines().toList()).hasSize(1);
        assertNoRawControlCharacters(written);
        JsonNode event = new ObjectMapper().readTree(written);
        assertThat(event.get("message").asText()).isEqualTo("allocating " + HOSTILE);
    }

    private static void assertNoRawControlCharacters(String written) {
        String withoutLineEnds = written.replace(System.lineSeparator(), "").replace("\t", "");
        assertThat(withoutLineEnds.chars().filter(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028))
                .as("raw control characters in %s", written).isEmpty();
    }

    /** Configures a fresh logback as the processes do with the format, logs one event, returns what was written. */
    private static String log(String format, Object argument) throws JoranException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(("<configuration><include resource=\"logging/" + format
                + ".xml\"/></configuration>").getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        var appender = (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("STDOUT");
        assertThat(appender).isNotNull();
        appender.setOutputStream(captured);
        if (argument instanceof Throwable failure) {
            context.getLogger("test").error("failed", failure);
        } else {
            context.getLogger("test").warn("allocating {}", argument);
        }
        context.stop();
        return captured.toString(StandardCharsets.UTF_8);
    }
}
