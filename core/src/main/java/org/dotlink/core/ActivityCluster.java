package org.dotlink.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Stories grouped into one actor's activity: across hosts and time, by the techniques, software and
 * infrastructure they share. Carries the ranked attribution to known groups with its evidence. Lists are
 * plain {@link ArrayList}s so that stream serializers can rebuild them.
 *
 * @param id          {@code cluster-01} ..., in order of score
 * @param stories     the ids of its stories
 * @param indicators  infrastructure and artefacts seen ({@code ip:203.0.113.7}, {@code hash:...}, {@code file:x.exe})
 * @param attribution candidate groups, best first (empty when no ATT&CK data was available)
 */
public record ActivityCluster(String id, double score, List<String> stories, List<String> hosts, String firstSeen,
                              String lastSeen, List<String> tactics, List<String> techniques, List<String> software,
                              List<String> indicators, List<Candidate> attribution) {

    public ActivityCluster {
        stories = new ArrayList<>(stories);
        hosts = new ArrayList<>(hosts);
        tactics = new ArrayList<>(tactics);
        techniques = new ArrayList<>(techniques);
        software = new ArrayList<>(software);
        indicators = new ArrayList<>(indicators);
        attribution = new ArrayList<>(attribution);
    }

    /**
     * One candidate group for a cluster.
     *
     * @param confidence      the candidate's share of belief among all groups (0..1), see the attribution docs
     * @param evidenceFor     what the cluster and the group share, most distinctive first
     * @param evidenceAgainst the group's signature behaviour not seen in the cluster
     */
    public record Candidate(String id, String name, double score, double confidence, String confidenceLabel,
                            List<String> evidenceFor, List<String> evidenceAgainst) {
        public Candidate {
            evidenceFor = new ArrayList<>(evidenceFor);
            evidenceAgainst = new ArrayList<>(evidenceAgainst);
        }
    }

    /**
     * How much two clusters' TTPs overlap.
     *
     * @param sharedTechniques the techniques both used, most distinctive first (used by fewest ATT&CK groups)
     */
    public record Overlap(String a, String b, double techniqueJaccard, double softwareJaccard,
                          List<String> sharedTechniques) {
        public Overlap {
            sharedTechniques = new ArrayList<>(sharedTechniques);
        }
    }

    public ActivityCluster withAttribution(List<Candidate> candidates) {
        return new ActivityCluster(id, score, stories, hosts, firstSeen, lastSeen, tactics, techniques, software,
                indicators, candidates);
    }
}
