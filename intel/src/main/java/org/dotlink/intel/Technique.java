package org.dotlink.intel;

import java.util.List;

/**
 * An ATT&amp;CK technique or sub-technique.
 *
 * @param id         the ATT&amp;CK id ({@code T1003} or {@code T1003.001})
 * @param name       the name as ATT&amp;CK gives it ({@code LSASS Memory} for a sub-technique)
 * @param tactics    tactic short names from its kill chain phases ({@code credential-access})
 * @param deprecated true when ATT&amp;CK marks it deprecated: it is known but takes no part in ranking
 */
public record Technique(String id, String name, List<String> tactics, boolean deprecated) {

    public Technique {
        tactics = List.copyOf(tactics);
    }

    /** True for a sub-technique ({@code T1003.001}). */
    public boolean isSubTechnique() {
        return id.indexOf('.') > 0;
    }

    /** The parent technique's id for a sub-technique, else the id itself. */
    public String parentId() {
        return parentOf(id);
    }

    /** {@code T1003} for {@code T1003.001}; any other id unchanged. */
    public static String parentOf(String techniqueId) {
        int dot = techniqueId.indexOf('.');
        return dot > 0 ? techniqueId.substring(0, dot) : techniqueId;
    }
}
