package org.dotlink.intel.recognition;

import java.util.List;

/**
 * A file hash from an indicator list, found in an event.
 *
 * @param hash     the hash, lower case
 * @param field    the event field it was found in ({@code Hashes})
 * @param comment  the list's comment for it ({@code GALLIUM APT IOC https://...})
 * @param software ids of ATT&amp;CK software named in the comment
 * @param groups   ids of ATT&amp;CK groups named in the comment
 */
public record IndicatorHit(String hash, String field, String comment, List<String> software, List<String> groups) {

    public IndicatorHit {
        software = List.copyOf(software);
        groups = List.copyOf(groups);
    }
}
