package org.dotlink.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each host is for, from the analyst's assets file: host patterns (wildcards {@code *} and
 * {@code ?}, compared with the normalized host name) mapped to roles such as {@code domain-controller},
 * {@code exchange}, {@code billing-cdr}, {@code vendor-access}. The first pattern that matches decides.
 * Some roles are critical: a finding on such a host is raised one level.
 */
public final class AssetRoles {

    /** Roles critical unless the assets file says otherwise. */
    public static final Set<String> CRITICAL_BY_DEFAULT = Set.of("domain-controller", "exchange", "billing-cdr",
            "hlr-hss", "certificate-authority", "backup");

    /** One line of the assets file. */
    public record Asset(String hostPattern, String role, boolean critical) {}

    private record Compiled(Pattern pattern, Asset asset) {}

    private final List<Compiled> assets = new ArrayList<>();

    public static final AssetRoles NONE = new AssetRoles(List.of());

    public AssetRoles(List<Asset> assets) {
        for (Asset a : assets) {
            this.assets.add(new Compiled(glob(HostNames.normalize(a.hostPattern())), a));
        }
    }

    public boolean isEmpty() {
        return assets.isEmpty();
    }

    /** The asset entry for a host (as logged; it is normalized here), or null when none matches. */
    public Asset of(String host) {
        if (assets.isEmpty() || host == null || host.isEmpty()) {
            return null;
        }
        String key = HostNames.normalize(host);
        for (Compiled c : assets) {
            if (c.pattern().matcher(key).matches()) {
                return c.asset();
            }
        }
        return null;
    }

    /** The finding for a detection: the host's role, and the level raised one step on a critical asset. */
    public Finding finding(Detection d) {
        Asset a = of(d.host());
        if (a == null) {
            return Finding.of(d);
        }
        Level level = a.critical() ? d.rule().level().raised() : d.rule().level();
        return new Finding(d, level, a.role(), null);
    }

    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
