package org.dotlink.core;

import java.util.Locale;

/**
 * Host names as logs write them ({@code WORKSTATION5}, {@code workstation5.theshire.local},
 * {@code DC01.corp.example.com.}) and the one normalized form that lets events of the same machine from
 * different sources meet: lower case, without the DNS domain. Addresses are kept whole.
 */
public final class HostNames {

    private HostNames() {}

    /** The normalized form of {@code host}: trimmed, lower case, the first DNS label only; "" for blank. */
    public static String normalize(String host) {
        String h = host.strip();
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty()) {
            return "";
        }
        if (isAddress(h)) {
            return h.toLowerCase(Locale.ROOT);
        }
        int dot = h.indexOf('.');
        return (dot > 0 ? h.substring(0, dot) : h).toLowerCase(Locale.ROOT);
    }

    /** IPv4 dotted quads and anything with a colon (IPv6) are addresses, not names. */
    private static boolean isAddress(String h) {
        if (h.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
