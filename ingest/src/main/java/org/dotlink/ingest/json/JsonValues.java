package org.dotlink.ingest.json;

import java.math.BigInteger;
import org.dotlink.core.IsoTime;

/**
 * The value conversions of the JSON shapes (see {@link JsonShapes}): how another tool's rendering of a
 * System value becomes the canonical one (DESIGN.md, "Events: the canonical form"). Written by hand
 * because they run once or more per record; each returns null when its input is not in a form it knows,
 * and the caller decides what that means.
 */
final class JsonValues {

    private JsonValues() {}

    /** Seconds a UTC offset may be, either way (UTC-12 .. UTC+14). */
    static final int MAX_ZONE_OFFSET_SECONDS = 14 * 3600;

    // ---- integers ----------------------------------------------------------------------------------

    /** True for an optional '-' followed by 1 to 20 decimal digits, nothing else. */
    static boolean isIntegral(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (i == n || n - i > 20) {
            return false;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    // ---- keywords ----------------------------------------------------------------------------------

    private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /**
     * Keywords as Windows writes them, {@code 0x} and lowercase hex without leading zeros. NXLog writes
     * the 64-bit mask as a signed decimal JSON number ({@code -9214364837600034816} is
     * {@code 0x8020000000000000}); others write {@code "0x8020000000000000"}, sometimes zero-padded or
     * upper case. Null when {@code s} is neither a decimal integer nor {@code 0x} hex (Winlogbeat's
     * keyword names such as "Audit Success" are renderings, not the mask).
     */
    static String keywords(String s) {
        if (s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            int i = 2;
            while (i < s.length() - 1 && s.charAt(i) == '0') {
                i++;
            }
            if (s.length() - i > 16) {
                return null;
            }
            StringBuilder sb = new StringBuilder(2 + s.length() - i).append("0x");
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
                    sb.append(c);
                } else if (c >= 'A' && c <= 'F') {
                    sb.append((char) (c + ('a' - 'A')));
                } else {
                    return null;
                }
            }
            return sb.toString();
        }
        if (!isIntegral(s)) {
            return null;
        }
        if (s.length() <= 18) {
            return "0x" + Long.toHexString(Long.parseLong(s));
        }
        BigInteger v = new BigInteger(s);
        if (v.bitLength() > 64) {
            return null;
        }
        return "0x" + v.and(MASK64).toString(16);
    }

    // ---- GUIDs -------------------------------------------------------------------------------------

    /**
     * A GUID as Windows writes it, {@code {UPPERCASE}}, from any case with or without braces; null when
     * {@code s} is not a GUID.
     */
    static String guid(String s) {
        int n = s.length();
        int from;
        if (n == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') {
            from = 1;
        } else if (n == 36) {
            from = 0;
        } else {
            return null;
        }
        char[] out = new char[38];
        out[0] = '{';
        out[37] = '}';
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
            } else if (c >= 'a' && c <= 'f') {
                c = (char) (c - ('a' - 'A'));
            } else if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F')) {
                return null;
            }
            out[1 + i] = c;
        }
        return new String(out);
    }

    /**
     * evtx_dump writes values of the GUID type as bare upper-case GUIDs ({@code 5770385F-C22A-...});
     * Windows writes {@code {5770385F-C22A-...}}. Such a value gets its braces back; anything else
     * (including a lower-case bare GUID, which evtx_dump only prints for a string value) is returned as is.
     */
    static String evtxDumpGuid(String s) {
        if (s.length() != 36 || s.charAt(8) != '-') {
            return s;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F')) {
                return s;
            }
        }
        return "{" + s + "}";
    }

    // ---- times -------------------------------------------------------------------------------------

    /**
     * A time parsed from {@code YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|+HH:MM|-HH:MM|+HHMM|+HH]}: the
     * seconds since 1970 it names when read as UTC (the zone offset already applied when present), the
     * fraction in 100-ns units (digits past the 7th are cut: FILETIME has no finer precision), and
     * whether a zone was given.
     */
    static final class Time {
        long epochSeconds;
        int fraction100ns;
        boolean zoned;

        /** Parses {@code s} into this holder; false (and this holder undefined) when it is not such a time. */
        boolean parse(String s) {
            int n = s.length();
            if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
                return false;
            }
            char sep = s.charAt(10);
            if (sep != 'T' && sep != ' ' && sep != 't') {
                return false;
            }
            long seconds = IsoTime.secondsOfDateTime(s, 59);
            if (seconds == Long.MIN_VALUE) {
                return false;
            }
            int i = 19;
            int fraction = 0;
            if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                i++;
                int digitsRead = 0;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    if (digitsRead < 7) {
                        fraction = fraction * 10 + (s.charAt(i) - '0');
                    }
                    digitsRead++;
                    i++;
                }
                if (digitsRead == 0) {
                    return false;
                }
                for (int k = digitsRead; k < 7; k++) {
                    fraction *= 10;
                }
            }
            int offsetSeconds = 0;
            boolean hasZone = false;
            if (i < n) {
                char z = s.charAt(i);
                if ((z == 'Z' || z == 'z') && i == n - 1) {
                    hasZone = true;
                } else if (z == '+' || z == '-') {
                    int rest = n - i - 1;
                    int oh;
                    int om = 0;
                    if (rest == 2) {
                        oh = IsoTime.digits(s, i + 1, 2);
                    } else if (rest == 4) {
                        oh = IsoTime.digits(s, i + 1, 2);
                        om = IsoTime.digits(s, i + 3, 2);
                    } else if (rest == 5 && s.charAt(i + 3) == ':') {
                        oh = IsoTime.digits(s, i + 1, 2);
                        om = IsoTime.digits(s, i + 4, 2);
                    } else {
                        return false;
                    }
                    if (oh < 0 || om < 0 || om > 59) {
                        return false;
                    }
                    offsetSeconds = (z == '-' ? -1 : 1) * (oh * 3600 + om * 60);
                    if (Math.abs(offsetSeconds) > MAX_ZONE_OFFSET_SECONDS) {
                        return false;
                    }
                    hasZone = true;
                } else {
                    return false;
                }
            }
            epochSeconds = seconds - offsetSeconds;
            fraction100ns = fraction;
            zoned = hasZone;
            return true;
        }

        /** ISO-8601 UTC with 7 fractional digits, as Windows writes {@code SystemTime}. */
        String canonical() {
            return format(epochSeconds, fraction100ns);
        }
    }

    /** {@code s} as a canonical UTC time, a time without a zone read as UTC; null when not a time. */
    static String isoTime(String s, Time scratch) {
        return scratch.parse(s) ? scratch.canonical() : null;
    }

    /** Seconds since 1970 plus a fraction in 100-ns units as the canonical time; null outside years 0-9999. */
    static String format(long epochSeconds, int fraction100ns) {
        if (epochSeconds < MIN_EPOCH_SECONDS || epochSeconds > MAX_EPOCH_SECONDS) {
            return null;
        }
        return IsoTime.format(epochSeconds, fraction100ns);
    }

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years a four-digit ISO time can hold. */
    private static final long MIN_EPOCH_SECONDS = -62_167_219_200L;
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L;
}
