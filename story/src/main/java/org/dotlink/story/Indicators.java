package org.dotlink.story;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;

/**
 * The infrastructure and artefacts a finding's event names, as clustering compares them across stories:
 * public addresses ({@code ip:}), domains ({@code domain:}), executable hashes ({@code hash:}), files
 * outside the Windows and Program Files folders ({@code file:}, the file name) and accounts
 * ({@code account:}, not the system's own). Private addresses, system files and system accounts are
 * left out: every network has them.
 */
public final class Indicators {

    // the fields read, as their canonical instances (FieldNames.intern): an event finds them by reference
    private static final String[] IP_FIELDS = names("DestinationIp", "c-ip", "IpAddress", "SourceIp");
    private static final String[] DOMAIN_FIELDS = names("QueryName", "DestinationHostname");
    private static final String[] HASH_FIELDS = names("Hashes", "Hash");
    private static final String[] FILE_FIELDS = names("Image", "TargetFilename", "ImageLoaded", "NewProcessName");

    private static String[] names(String... names) {
        String[] canonical = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            canonical[i] = FieldNames.intern(names[i]);
        }
        return canonical;
    }

    private Indicators() {}

    public static Set<String> of(Event e, EventFacts facts) {
        Set<String> out = new TreeSet<>();
        for (String f : IP_FIELDS) {
            String v = e.fieldInterned(f);
            if (v != null) {
                v = v.toLowerCase(Locale.ROOT);
                if (isPublicAddress(v)) {
                    out.add("ip:" + v);
                }
            }
        }
        for (String f : DOMAIN_FIELDS) {
            String v = e.fieldInterned(f);
            if (v != null) {
                v = v.toLowerCase(Locale.ROOT).strip();
                if (v.contains(".") && !v.endsWith(".local") && !v.endsWith(".arpa") && !isAddress(v)) {
                    out.add("domain:" + v);
                }
            }
        }
        for (String f : HASH_FIELDS) {
            String v = e.fieldInterned(f);
            String h = v == null ? null : sha256(v);
            if (h != null) {
                out.add("hash:" + h);
            }
        }
        for (String f : FILE_FIELDS) {
            String v = e.fieldInterned(f);
            if (v != null) {
                v = v.toLowerCase(Locale.ROOT);
                if (!v.startsWith("c:\\windows\\") && !v.startsWith("c:\\program files") && !v.startsWith("%systemroot%")) {
                    String name = FactExtractor.fileName(v);
                    if (!name.isEmpty()) {
                        out.add("file:" + name);
                    }
                }
            }
        }
        if (facts != null && !Hubs.account(facts.user())) {
            out.add("account:" + facts.user());
        }
        return out;
    }

    private static String sha256(String hashes) {
        for (String part : hashes.toLowerCase(Locale.ROOT).split(",")) {
            if (part.startsWith("sha256=")) {
                return part.substring(7);
            }
        }
        return null;
    }

    static boolean isPublicAddress(String ip) {
        if (ip.isEmpty() || ip.equals("-") || !isAddress(ip)) {
            return false;
        }
        if (ip.contains(":")) {
            return !(ip.equals("::1") || ip.startsWith("fe80:") || ip.startsWith("fc") || ip.startsWith("fd")
                    || ip.startsWith("::ffff:") || ip.equals("::"));
        }
        String[] p = ip.split("\\.");
        int a = Integer.parseInt(p[0]);
        int b = Integer.parseInt(p[1]);
        return !(a == 10 || a == 127 || a == 0 || a >= 224 || a == 172 && b >= 16 && b <= 31 || a == 192 && b == 168
                || a == 169 && b == 254 || a == 100 && b >= 64 && b <= 127);
    }

    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9a-f:.]+");
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private static boolean isAddress(String v) {
        return (v.contains(":") ? IPV6 : IPV4).matcher(v).matches();
    }
}
