package org.allocation.adapters.config;

import java.util.Locale;

/**
 * How the unit of work talks to PostgreSQL ({@code ALLOCATION_PERSISTENCE}). Both keep the same schema, the
 * same guarantees and pass the same contract tests; they differ in cost.
 */
public enum Persistence {

    /** Hand-written SQL, one query per read and one round trip per commit: the default. */
    SQL,
    /** Hibernate ORM on the XML mapping: the book's classical mapping, several times the CPU per message. */
    HIBERNATE;

    static Persistence parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("must be sql or hibernate, was '" + value + "'");
        }
    }
}
