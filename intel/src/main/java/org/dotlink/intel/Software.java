package org.dotlink.intel;

import java.util.List;

/**
 * ATT&amp;CK software: a STIX {@code malware} or {@code tool}.
 *
 * @param id         {@code S0002}
 * @param name       {@code Mimikatz}
 * @param aliases    other names ATT&amp;CK gives it (the name itself excluded)
 * @param tool       true for a {@code tool} (legitimate or dual-use software), false for {@code malware}
 * @param deprecated true when ATT&amp;CK marks it deprecated: it takes no part in ranking
 */
public record Software(String id, String name, List<String> aliases, boolean tool, boolean deprecated) {

    public Software {
        aliases = List.copyOf(aliases);
    }
}
