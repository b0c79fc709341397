package org.allocation.adapters.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * {@code %printable(...)} in the text log format (logging/text.xml): what it wraps, with the characters that
 * could break the line escaped ({@link Printable}). A message quotes input (a payload, an identifier), and a
 * CR/LF there must not start a line of its own.
 */
public final class PrintableConverter extends CompositeConverter<ILoggingEvent> {

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return Printable.text(in);
    }
}
