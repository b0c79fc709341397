package org.allocation.adapters.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * {@code %printableEx} in the text log format: a stack trace as logback writes it, one frame a line, but with each
 * exception's message escaped ({@link Printable}), since messages quote input (a database error quotes the value
 * it refused) and a line break there would forge a line.
 */
public final class PrintableThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return super.throwableProxyToString(new Escaped(throwable));
    }

    /** The same throwable, its message and those of its causes escaped. */
    private record Escaped(IThrowableProxy original) implements IThrowableProxy {

        private static IThrowableProxy of(IThrowableProxy throwable) {
            return throwable == null ? null : new Escaped(throwable);
        }

        @Override
        public String getMessage() {
            return original.getMessage() == null ? null : Printable.text(original.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return original.getOverridingMessage() == null ? null : Printable.text(original.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return original.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return original.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return original.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return of(original.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = original.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                escaped[i] = of(suppressed[i]);
            }
            return escaped;
        }

        @Override
        public boolean isCyclic() {
            return original.isCyclic();
        }
    }
}
