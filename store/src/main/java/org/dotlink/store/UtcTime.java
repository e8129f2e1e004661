package org.dotlink.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.dotlink.core.IsoTime;

/**
 * ISO-8601 times as microseconds since 1970 UTC, DuckDB's {@code TIMESTAMP} resolution: digits past
 * the sixth fractional one (Windows writes seven) are dropped. The usual form
 * ({@code 2019-08-14T14:06:44.4956748Z}, 0 to 9 fractional digits) is read by hand, as it comes once per
 * record; other ISO-8601 forms (an offset, no zone: taken as UTC) go through {@code java.time}.
 */
final class UtcTime {

    /** Returned for a time that is absent or cannot be read. */
    static final long NONE = Long.MIN_VALUE;

    private UtcTime() {}

    /** Microseconds since 1970-01-01T00:00:00Z, or {@link #NONE}. */
    static long micros(String iso) {
        if (iso == null || iso.length() < 20) {
            return NONE;
        }
        long fast = fast(iso);
        return fast != NONE ? fast : slow(iso);
    }

    /** {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z}, or {@link #NONE} for anything else. */
    private static long fast(String s) {
        int n = s.length();
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return NONE;
        }
        long seconds = IsoTime.secondsOfDateTime(s, 59);
        if (seconds == Long.MIN_VALUE) {
            return NONE;
        }
        long micros = 0;
        if (n > 20) {
            int digits = n - 21;
            if (s.charAt(19) != '.' || digits < 1 || digits > 9) {
                return NONE;
            }
            for (int i = 0; i < 6; i++) {
                int d = i < digits ? s.charAt(20 + i) - '0' : 0;
                if (d < 0 || d > 9) {
                    return NONE;
                }
                micros = micros * 10 + d;
            }
            for (int i = 6; i < digits; i++) {
                char c = s.charAt(20 + i);
                if (c < '0' || c > '9') {
                    return NONE;
                }
            }
        } else if (n != 20) {
            return NONE;
        }
        return seconds * 1_000_000L + micros;
    }

    private static long slow(String s) {
        try {
            return toMicros(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return toMicros(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException | ArithmeticException e2) {
                return NONE;
            }
        } catch (ArithmeticException e) {
            return NONE; // beyond what a TIMESTAMP holds
        }
    }

    private static long toMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}
