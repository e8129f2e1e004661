package org.dotlink.core;

import java.util.ArrayList;
import java.util.List;

/**
 * An attack story: findings linked through the entities they share (a process tree, a logon session,
 * a host reached from another, a file dropped then run), with a score and the links that explain it.
 * Lists are plain {@link ArrayList}s so that stream serializers can rebuild them.
 *
 * @param id        {@code story-0001} ..., in order of score
 * @param tactics   ATT&CK tactics of its findings, in kill-chain order ({@link Tactics#ORDER})
 * @param indicators infrastructure and artefacts its findings name: {@code ip:}, {@code domain:}, {@code hash:},
 *                  {@code file:}, {@code account:} (what clustering compares across stories)
 * @param findings  the findings, in time order
 * @param links     why the findings belong together: each link names the entity that joined two findings
 */
public record Story(String id, double score, List<String> hosts, List<String> users, String firstSeen,
                    String lastSeen, List<String> tactics, List<String> techniques, List<String> software,
                    List<String> indicators, List<FindingRef> findings, List<Link> links) {

    public Story {
        hosts = new ArrayList<>(hosts);
        users = new ArrayList<>(users);
        tactics = new ArrayList<>(tactics);
        techniques = new ArrayList<>(techniques);
        software = new ArrayList<>(software);
        indicators = new ArrayList<>(indicators);
        findings = new ArrayList<>(findings);
        links = new ArrayList<>(links);
    }

    /** One finding of a story, as stories.json lists it. */
    public record FindingRef(String key, String time, String host, String ruleId, String ruleTitle, String level,
                             String source, long recordId) {}

    /**
     * A link between two findings of the story (by {@link FindingRef#key()}).
     *
     * @param kind   the kind of link ({@code process-tree}, {@code logon-session}, {@code remote-access}, ...)
     * @param entity the entity that joined them ({@code process C:\Windows\System32\cmd.exe on EXCH01}, ...)
     * @param reason a sentence an analyst can read
     */
    public record Link(String from, String to, String kind, String entity, String reason) {}

    public Story withId(String newId) {
        return new Story(newId, score, hosts, users, firstSeen, lastSeen, tactics, techniques, software, indicators,
                findings, links);
    }
}
