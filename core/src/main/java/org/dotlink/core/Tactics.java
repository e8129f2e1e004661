package org.dotlink.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** ATT&CK enterprise tactics in kill-chain order, by short name. */
public final class Tactics {

    /**
     * Kill-chain order. {@code stealth} and {@code defense-impairment} are the two tactics ATT&CK v18 split
     * {@code defense-evasion} into; rules use either vocabulary.
     */
    public static final List<String> ORDER = List.of("reconnaissance", "resource-development", "initial-access",
            "execution", "persistence", "privilege-escalation", "defense-evasion", "stealth", "defense-impairment",
            "credential-access", "discovery", "lateral-movement", "collection", "command-and-control", "exfiltration",
            "impact");

    private Tactics() {}

    /** The tactics given, once each, in kill-chain order; unknown names last, alphabetically. */
    public static List<String> inOrder(Collection<String> tactics) {
        List<String> out = new ArrayList<>();
        for (String t : ORDER) {
            if (tactics.contains(t)) {
                out.add(t);
            }
        }
        if (out.size() < tactics.size()) {
            // a plain loop: this runs once per story, and a stream pipeline costs the compiler more to compile
            TreeSet<String> unknown = new TreeSet<>();
            for (String t : tactics) {
                if (!ORDER.contains(t)) {
                    unknown.add(t);
                }
            }
            out.addAll(unknown);
        }
        return out;
    }
}
