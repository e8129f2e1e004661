package org.dotlink.ingest.evtx;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named conversions between how reference tools write a value and how our canonical form writes it
 * (DESIGN.md, "Events: the canonical form"). Each one captures one documented convention of one tool
 * and returns its input unchanged when the input is not in that convention. The conformance tests
 * accept a value only when ours equals theirs exactly or the two are equal under one of these named
 * conversions (see {@code Conformance.Convention}); nothing is compared more loosely than that. Each
 * has unit tests in {@code NormalizeTest}.
 */
final class Normalize {

    private static final Pattern HEX = Pattern.compile("0[xX]([0-9a-fA-F]+)");
    private static final Pattern GUID = Pattern.compile(
            "\\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\}?");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d{1,9}))?Z");
    private static final Pattern C_REAL = Pattern.compile("[-+]?\\d\\.\\d+e[-+]\\d{2,3}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private Normalize() {}

    /**
     * evtxexport writes HexInt32/HexInt64 zero-padded to 8/16 digits ({@code 0x00000000000342ba});
     * Windows (and we) write {@code 0x} + lowercase hex without leading zeros ({@code 0x342ba}).
     */
    static String hexInt(String s) {
        Matcher m = HEX.matcher(s);
        if (!m.matches()) {
            return s;
        }
        String digits = m.group(1).toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return "0x" + digits.substring(i);
    }

    /**
     * A GUID as we write it, {@code {UPPERCASE}}: evtx_dump drops the braces, other tools write lower
     * case. Only a complete GUID (with both braces or neither) is converted.
     */
    static String guid(String s) {
        Matcher m = GUID.matcher(s);
        if (!m.matches() || (s.charAt(0) == '{') != (s.charAt(s.length() - 1) == '}')) {
            return s;
        }
        return "{" + m.group(1).toUpperCase(Locale.ROOT) + "}";
    }

    /**
     * An ISO-8601 UTC time with 7 fractional digits (FILETIME's 100-ns precision), as we write it.
     * evtxexport writes 9 digits whose last two are always {@code 00}; fewer digits are padded. A value
     * with non-zero digits beyond the 7th cannot be a FILETIME and is returned unchanged.
     */
    static String isoTime(String s) {
        Matcher m = ISO.matcher(s);
        if (!m.matches()) {
            return s;
        }
        String frac = m.group(2) == null ? "" : m.group(2);
        if (frac.length() > 7) {
            if (!frac.substring(7).chars().allMatch(c -> c == '0')) {
                return s;
            }
            frac = frac.substring(0, 7);
        }
        return m.group(1) + "." + (frac + "0000000").substring(0, 7) + "Z";
    }

    /**
     * The same time at microsecond precision, truncated: evtx_dump writes 6 fractional digits, cutting
     * (not rounding) the 7th. Applied to both sides, since the 7th digit is lost on theirs.
     */
    static String isoTimeMicros(String s) {
        Matcher m = ISO.matcher(s);
        if (!m.matches()) {
            return s;
        }
        String frac = m.group(2) == null ? "" : m.group(2);
        return m.group(1) + "." + (frac + "000000").substring(0, 6) + "Z";
    }

    /**
     * evtxexport (libfvalue) writes REAL32/REAL64 values in C {@code %e} style with a three-digit
     * exponent and 7 significant digits ({@code 3.199234e+003}); this gives the plain decimal
     * ({@code 3199.234}), trailing zeros dropped. Anything else is returned unchanged.
     */
    static String cReal(String s) {
        if (!C_REAL.matcher(s).matches()) {
            return s;
        }
        return plain(new BigDecimal(s));
    }

    /**
     * A decimal number rounded to {@code digits} significant digits, as a plain decimal with trailing
     * zeros dropped ({@code 3199.2341} at 7 digits is {@code 3199.234}); for comparing our full-precision
     * reals with a tool that prints fewer digits. Non-numbers are returned unchanged.
     */
    static String significant(String s, int digits) {
        if (!DECIMAL.matcher(s).matches()) {
            return s;
        }
        return plain(new BigDecimal(s).round(new MathContext(digits, RoundingMode.HALF_EVEN)));
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /**
     * evtxexport writes a string value that consists of line feeds only ({@code "\n"}) as an empty
     * element, while the record holds the line feed (and Windows shows it). This maps such a value of
     * ours to the empty string evtxexport prints; any other value is returned unchanged.
     */
    static String lineFeedsOnlyAsEmpty(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c == '\n') ? "" : s;
    }

    /**
     * evtx_dump (the {@code evtx} crate since 0.8.5, its issue #249) drops trailing spaces from string
     * values, which Windows keeps ({@code "Advapi  "}, {@code "\"C:\\Windows\\system32\\cmd.exe\" "}).
     * This drops them from ours the same way; other whitespace is kept.
     */
    static String trimTrailingSpaces(String s) {
        int n = s.length();
        while (n > 0 && s.charAt(n - 1) == ' ') {
            n--;
        }
        return s.substring(0, n);
    }

    /**
     * A JSON scalar as the text Windows writes in XML: evtx_dump writes integers as JSON numbers
     * ({@code 4460} for {@code "4460"}), booleans as JSON booleans, and an empty element as null.
     * Strings are returned as they are; other numbers as a plain decimal, trailing zeros dropped.
     * Not for objects or arrays.
     */
    static String jsonScalar(JsonNode n) {
        if (n == null || n.isNull()) {
            return "";
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        if (n.isBoolean()) {
            return n.booleanValue() ? "true" : "false";
        }
        if (n.isNumber()) {
            return plain(n.decimalValue());
        }
        throw new IllegalArgumentException("not a JSON scalar: " + n.getNodeType());
    }
}
