package org.dotlink.intel;

import java.util.List;

/**
 * An ATT&amp;CK group (STIX {@code intrusion-set}).
 *
 * @param id         {@code G0093}
 * @param name       {@code GALLIUM}
 * @param aliases    other names: ATT&amp;CK's own, then any added from a MISP galaxy (the name itself excluded)
 * @param deprecated true when ATT&amp;CK marks it deprecated: it is never ranked
 */
public record Group(String id, String name, List<String> aliases, boolean deprecated) {

    public Group {
        aliases = List.copyOf(aliases);
    }
}
