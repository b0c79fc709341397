package org.allocation.e2e;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives every test class the one running {@link AllocationSystem}: started before the first test that needs it,
 * closed when the whole suite ends (JUnit closes what the root store holds), whatever the tests did. A test that
 * fails gets the processes' log paths and their last lines printed next to its failure.
 */
final class AllocationSystemExtension implements ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(AllocationSystemExtension.class);
    private static final int TAIL_LINES = 30;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AllocationSystem.class || type == ApiClient.class || type == RedisChannels.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        AllocationSystem system = system(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == ApiClient.class) {
            return system.api();
        }
        return type == RedisChannels.class ? system.redis() : system;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Optional.ofNullable(context.getRoot().getStore(NAMESPACE).get(Startup.class, Startup.class))
                .flatMap(Startup::system)
                .ifPresent(system -> {
                    StringBuilder report = new StringBuilder("[e2e] ")
                            .append(context.getRequiredTestClass().getSimpleName()).append(' ')
                            .append(context.getDisplayName()).append(" failed; the processes' logs are kept:");
                    for (ServiceProcess process : system.processes()) {
                        report.append("\n--- ").append(process.log().toAbsolutePath().normalize())
                                .append(" (last ").append(TAIL_LINES).append(" lines) ---\n")
                                .append(process.tail(TAIL_LINES));
                    }
                    System.out.println(report);
                });
    }

    /** Starts the system once per run; a start that failed fails every later test at once, with its cause. */
    private static AllocationSystem system(ExtensionContext context) {
        Startup startup = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Startup.class, key -> Startup.attempt(), Startup.class);
        return startup.systemOrThrow();
    }

    private record Startup(AllocationSystem running, RuntimeException failure) implements AutoCloseable {

        static Startup attempt() {
            try {
                return new Startup(AllocationSystem.start(E2eSettings.fromEnvironment()), null);
            } catch (RuntimeException e) {
                return new Startup(null, e);
            }
        }

        Optional<AllocationSystem> system() {
            return Optional.ofNullable(running);
        }

        AllocationSystem systemOrThrow() {
            if (failure != null) {
                throw failure;
            }
            return running;
        }

        @Override
        public void close() {
            if (running != null) {
                running.close();
            }
        }
    }
}
