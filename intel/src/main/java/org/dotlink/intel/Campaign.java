package org.dotlink.intel;

import java.util.List;

/**
 * An ATT&amp;CK campaign.
 *
 * @param id     {@code C0024}
 * @param name   {@code SolarWinds Compromise}
 * @param groups ids of the groups it is attributed to ({@code attributed-to}); empty when unattributed
 */
public record Campaign(String id, String name, List<String> groups) {

    public Campaign {
        groups = List.copyOf(groups);
    }
}
