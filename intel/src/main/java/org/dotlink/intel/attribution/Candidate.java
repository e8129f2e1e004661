package org.dotlink.intel.attribution;

import java.util.List;

/**
 * One group in an attribution ranking.
 *
 * @param id              the group's ATT&amp;CK id ({@code G0093})
 * @param name            its name ({@code GALLIUM})
 * @param score           the log-likelihood ratio of the observation under the group's profile against the
 *                        background of all groups (see {@link Attribution}); higher is more alike; comparable
 *                        between candidates of one ranking only
 * @param confidence      the estimated probability that this group is the actor, assuming the actor is one of
 *                        the ranked ATT&amp;CK groups (see {@link Confidence})
 * @param confidenceLabel {@code high}, {@code medium} or {@code low} (see {@link Confidence})
 * @param evidenceFor     what the observation shares with the group, the heaviest first
 * @param evidenceAgainst the group's most distinctive techniques and software that were not observed
 */
public record Candidate(String id, String name, double score, double confidence, String confidenceLabel,
                        List<Evidence> evidenceFor, List<Evidence> evidenceAgainst) {

    public Candidate {
        evidenceFor = List.copyOf(evidenceFor);
        evidenceAgainst = List.copyOf(evidenceAgainst);
    }
}
