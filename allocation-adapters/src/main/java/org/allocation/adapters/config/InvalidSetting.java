package org.allocation.adapters.config;

/** A setting that is missing or malformed. The message names the environment variable and what is wrong. */
public final class InvalidSetting extends RuntimeException {

    public InvalidSetting(String message) {
        super(message);
    }
}
