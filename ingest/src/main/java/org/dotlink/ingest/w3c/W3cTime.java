package org.dotlink.ingest.w3c;

import org.dotlink.core.IsoTime;

/**
 * W3C {@code date} and {@code time} values ({@code 2019-09-03}, {@code 10:13:36}, optionally with a
 * fraction {@code 10:13:36.25} or without seconds {@code 10:13}) as the ISO-8601 UTC form with 7
 * fractional digits that the EVTX reader writes for {@code TimeCreated_SystemTime}
 * ({@code 2019-09-03T10:13:36.0000000Z}). W3C extended logs are in UTC (IIS always logs UTC).
 * Written by hand because this runs once per line.
 */
final class W3cTime {
    private W3cTime() {}

    /**
     * The ISO-8601 form of {@code date} ({@code yyyy-MM-dd}) and {@code time}
     * ({@code HH:mm[:ss[.f...]]}), or null when either is not a valid value of that form. Fraction
     * digits past the seventh are dropped.
     */
    static String iso(String date, String time) {
        if (date.length() != 10 || date.charAt(4) != '-' || date.charAt(7) != '-') {
            return null;
        }
        int year = IsoTime.digits(date, 0, 4);
        int month = IsoTime.digits(date, 5, 2);
        int day = IsoTime.digits(date, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > IsoTime.daysInMonth(year, month)) {
            return null;
        }
        int n = time.length();
        if (n < 5 || time.charAt(2) != ':') {
            return null;
        }
        int hour = IsoTime.digits(time, 0, 2);
        int minute = IsoTime.digits(time, 3, 2);
        int second = 0;
        int fraction = 0;
        if (n > 5) {
            if (n < 8 || time.charAt(5) != ':') {
                return null;
            }
            second = IsoTime.digits(time, 6, 2);
            if (n > 8) {
                if (time.charAt(8) != '.' || n == 9) {
                    return null;
                }
                for (int i = 9; i < n; i++) {
                    char c = time.charAt(i);
                    if (c < '0' || c > '9') {
                        return null;
                    }
                }
                int used = Math.min(7, n - 9);
                fraction = IsoTime.digits(time, 9, used);
                for (int i = used; i < 7; i++) {
                    fraction *= 10;
                }
            }
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return IsoTime.format(year, month, day, hour, minute, second, fraction);
    }

    /** True when {@code date} is a valid {@code yyyy-MM-dd} date. */
    static boolean isDate(String date) {
        return iso(date, "00:00") != null;
    }

}
