package org.dotlink.core;

/**
 * ISO-8601 UTC timestamps with 7 fractional digits ({@code 2019-08-14T14:06:44.4956748Z}), the form
 * Windows uses for {@code SystemTime}, and every reader uses for {@code TimeCreated_SystemTime}.
 * Written by hand because this runs once per record.
 */
public final class IsoTime {
    private IsoTime() {}

    /** Seconds since 1970 plus a fraction in 100-ns units (0..9,999,999). */
    public static String format(long epochSeconds, int fraction100ns) {
        long days = Math.floorDiv(epochSeconds, 86_400L);
        int secOfDay = (int) Math.floorMod(epochSeconds, 86_400L);
        // Civil-from-days (Howard Hinnant's algorithm).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        return format((int) y, m, d, secOfDay / 3600, secOfDay / 60 % 60, secOfDay % 60, fraction100ns);
    }

    public static String format(int year, int month, int day, int hour, int minute, int second, int fraction100ns) {
        char[] c = new char[28];
        if (year < 0 || year > 9999) {
            return String.format("%d-%02d-%02dT%02d:%02d:%02d.%07dZ", year, month, day, hour, minute, second,
                    fraction100ns);
        }
        put(c, 0, year, 4);
        c[4] = '-';
        put(c, 5, month, 2);
        c[7] = '-';
        put(c, 8, day, 2);
        c[10] = 'T';
        put(c, 11, hour, 2);
        c[13] = ':';
        put(c, 14, minute, 2);
        c[16] = ':';
        put(c, 17, second, 2);
        c[19] = '.';
        put(c, 20, fraction100ns, 7);
        c[27] = 'Z';
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The value of {@code count} ASCII digits of {@code s} at {@code from}, or -1 when one is not a digit. */
    public static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Days in {@code month} (1-12) of {@code year}, proleptic Gregorian. */
    public static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    public static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /**
     * Milliseconds since the epoch of an ISO-8601 UTC time as events carry it
     * ({@code 2021-03-03T10:00:01.1234567Z}; the fraction is optional), or {@link Long#MIN_VALUE} when it is
     * not one.
     */
    public static long toEpochMillis(String iso) {
        if (iso == null || iso.length() < 20 || iso.charAt(4) != '-' || iso.charAt(7) != '-' || iso.charAt(10) != 'T'
                || iso.charAt(13) != ':' || iso.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        long seconds = secondsOfDateTime(iso, 60);
        if (seconds == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        int millis = 0;
        if (iso.charAt(19) == '.') {
            int n = 0;
            for (int i = 20; i < iso.length() && n < 3 && Character.isDigit(iso.charAt(i)); i++, n++) {
                millis = millis * 10 + (iso.charAt(i) - '0');
            }
            for (; n < 3; n++) {
                millis *= 10;
            }
        }
        return seconds * 1000L + millis;
    }

    /**
     * Microseconds since the epoch of an ISO-8601 UTC time written exactly as events carry it
     * ({@code 2021-03-03T10:00:01.1234567Z}: a fraction of up to nine digits, optional, then {@code Z}; the
     * fraction is truncated to microseconds), or {@link Long#MIN_VALUE} for anything else (other offsets, a
     * leap second), which callers read with {@link java.time.Instant#parse} instead: this is its fast path.
     */
    public static long toEpochMicros(String iso) {
        int n = iso == null ? 0 : iso.length();
        if (n < 20 || iso.charAt(4) != '-' || iso.charAt(7) != '-' || iso.charAt(10) != 'T' || iso.charAt(13) != ':'
                || iso.charAt(16) != ':' || iso.charAt(n - 1) != 'Z') {
            return Long.MIN_VALUE;
        }
        long seconds = secondsOfDateTime(iso, 59);
        if (seconds == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        int micros = 0;
        int i = 19;
        if (iso.charAt(19) == '.') {
            for (i = 20; i < n - 1; i++) {
                char c = iso.charAt(i);
                if (c < '0' || c > '9' || i > 28) {
                    return Long.MIN_VALUE;
                }
                if (i < 26) {
                    micros = micros * 10 + (c - '0');
                }
            }
            if (i == 20) {
                return Long.MIN_VALUE; // a dot without digits
            }
            for (int k = Math.min(i, 26); k < 26; k++) {
                micros *= 10;
            }
        }
        return i == n - 1 ? seconds * 1_000_000L + micros : Long.MIN_VALUE;
    }

    /**
     * The seconds since 1970, read as UTC, named by the digits of {@code yyyy?MM?dd?HH?mm?ss} at the start
     * of {@code s} (the separators are the caller's to check), or {@link Long#MIN_VALUE} when a field is not
     * digits or out of range; {@code maxSecond} is 59, or 60 to accept a leap second.
     */
    public static long secondsOfDateTime(String s, int maxSecond) {
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > maxSecond) {
            return Long.MIN_VALUE;
        }
        return daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    }
}
