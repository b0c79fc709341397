package org.allocation.e2e;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.pollinterval.IterativePollInterval;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * How every wait of the suite polls, set once before the first test (JUnit finds this class through
 * {@code META-INF/services}). The suite waits for the system by polling it until a deadline, never by sleeping a
 * fixed time, as the book does with tenacity: a test is as fast as the system allows and fails saying what it
 * awaited and what it last saw. So a wait polls at once, then after 10 ms, doubling to at most 250 ms; gives up
 * after 10 s unless it says otherwise ({@code atMost}); and takes an exception of its probe (a process still
 * starting, a server failing over) as "not yet", the last one becoming the cause of the timeout.
 * {@link ServiceProcess#assertAlive} passed to {@code failFast} ends a wait at once when a process has exited.
 */
public final class AwaitilityDefaults implements LauncherSessionListener {

    private static final Duration LONGEST_PAUSE = Duration.ofMillis(250);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(10));
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(new IterativePollInterval(
                pause -> pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2),
                Duration.ofMillis(5)));
        Awaitility.ignoreExceptionsByDefault();
        // Another thread of the suite failing is not what a wait is about: the test that owns it reports it.
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }
}
