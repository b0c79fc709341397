package org.allocation.domain;

import java.time.LocalDate;

/** Fixed dates for tests: shipments arrive on these. */
public final class Dates {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    public static final LocalDate TOMORROW = TODAY.plusDays(1);
    public static final LocalDate LATER = TODAY.plusDays(10);

    private Dates() {
    }
}
