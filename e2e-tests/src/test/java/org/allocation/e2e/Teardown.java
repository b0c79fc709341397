package org.allocation.e2e;

/**
 * What a server the tests start must undo (stop its processes, remove its files), done once: by {@link #close()},
 * or by the JVM's shutdown hook when the test run ends without closing it, so that nothing is left behind either way.
 */
final class Teardown implements AutoCloseable {

    private final Runnable work;
    private final Thread hook;
    private boolean done;

    private Teardown(String name, Runnable work) {
        this.work = work;
        this.hook = new Thread(this::runOnce, name);
    }

    /** Registers {@code work} to run at the JVM's exit unless {@link #close()} runs it first. */
    static Teardown atExit(String name, Runnable work) {
        Teardown teardown = new Teardown(name, work);
        Runtime.getRuntime().addShutdownHook(teardown.hook);
        return teardown;
    }

    @Override
    public void close() {
        runOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException jvmShuttingDown) {
            // the hook is running the work itself
        }
    }

    private synchronized void runOnce() {
        if (done) {
            return;
        }
        done = true;
        work.run();
    }
}
