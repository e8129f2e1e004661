package org.dotlink.intel.attribution;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What was observed: ATT&amp;CK technique ids ({@code T1003.001}) and software ids ({@code S0002}), as sets
 * in id order. Ids are trimmed and upper-cased; blank ones are dropped.
 */
public record ObservedProfile(Set<String> techniques, Set<String> software) {

    public ObservedProfile {
        techniques = normalized(techniques);
        software = normalized(software);
    }

    /** A profile of the given ids. */
    public static ObservedProfile of(Collection<String> techniques, Collection<String> software) {
        return new ObservedProfile(Set.copyOf(techniques), Set.copyOf(software));
    }

    /** True when nothing was observed. */
    public boolean isEmpty() {
        return techniques.isEmpty() && software.isEmpty();
    }

    private static Set<String> normalized(Collection<String> ids) {
        Set<String> out = new TreeSet<>();
        for (String id : ids) {
            if (id != null && !id.isBlank()) {
                out.add(id.trim().toUpperCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableSet(out);
    }
}
