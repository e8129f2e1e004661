package org.dotlink.core;

import java.util.Locale;

/** Sigma rule levels, in increasing severity. */
public enum Level {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    /** The level as Sigma writes it ({@code high}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The next level up (critical stays critical). */
    public Level raised() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }

    /**
     * Parses a Sigma level, case-insensitively; absent means informational.
     *
     * @throws IllegalArgumentException for a value that is not a Sigma level
     */
    public static Level parse(String s) {
        if (s == null || s.isBlank()) {
            return INFORMATIONAL;
        }
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
