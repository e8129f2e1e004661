package org.dotlink.intel.export;

import java.util.Locale;

/**
 * One indicator as stories and clusters carry it ({@code ip:203.0.113.7}, {@code domain:evil.example},
 * {@code hash:<hex>}, {@code file:x.exe}, {@code account:dom\\user}), split into its kind and value.
 *
 * @param kind  {@code ip}, {@code domain}, {@code hash}, {@code file}, {@code account}, or what precedes the colon
 * @param value the rest, as logged
 */
public record Indicator(String kind, String value) {

    /** Splits {@code kind:value}; a string without a colon is a value of kind {@code other}. */
    public static Indicator parse(String s) {
        int colon = s.indexOf(':');
        return colon <= 0 ? new Indicator("other", s) : new Indicator(s.substring(0, colon), s.substring(colon + 1));
    }

    /** For a hash: its algorithm by length ({@code MD5}, {@code SHA-1}, {@code SHA-256}), else null. */
    public String hashAlgorithm() {
        if (!kind.equals("hash") || !value.matches("[0-9A-Fa-f]+")) {
            return null;
        }
        return switch (value.length()) {
            case 32 -> "MD5";
            case 40 -> "SHA-1";
            case 64 -> "SHA-256";
            default -> null;
        };
    }

    /** True for an IPv6 address (holds a colon). */
    public boolean isIpv6() {
        return kind.equals("ip") && value.indexOf(':') >= 0;
    }

    /** The value lower-cased for hashes and domains (how they compare), as logged otherwise. */
    public String normalized() {
        return kind.equals("hash") || kind.equals("domain") ? value.toLowerCase(Locale.ROOT) : value;
    }
}
