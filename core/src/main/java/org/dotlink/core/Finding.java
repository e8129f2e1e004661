package org.dotlink.core;

/**
 * A detection as reported: with the role of the asset it happened on, the level after that role was
 * weighed (a finding on a critical asset is raised one level), and the story it belongs to.
 *
 * @param level     the reported level: the rule's, raised one step on a critical asset
 * @param assetRole the role of the host from the assets file ({@code domain-controller}, ...), or null
 * @param story     the id of the story the finding belongs to, or null
 */
public record Finding(Detection detection, Level level, String assetRole, String story) {

    /** A finding with the rule's own level, on a host of no known role, in no story yet. */
    public static Finding of(Detection d) {
        return new Finding(d, d.rule().level(), null, null);
    }

    public Finding withStory(String storyId) {
        return new Finding(detection, level, assetRole, storyId);
    }

    /**
     * The finding's identity within a run: rule id, source and record id (for a correlation, its first
     * event's), which is also what the store and stories use to refer to it.
     */
    public String key() {
        Detection d = detection;
        if (d.event() != null) {
            return key(d.rule().id(), d.event().source(), d.event().recordId(), d.event().offset());
        }
        EventRef first = d.events().isEmpty() ? null : d.events().get(0);
        return d.rule().id() + "@" + (first == null ? "" : first.source() + "#" + first.recordId()) + "@" + d.time();
    }

    /**
     * The {@link #key()} of a finding of rule {@code ruleId} on the event at {@code offset} of {@code source}
     * with record id {@code recordId}: {@code ruleId@source#recordId@offset}.
     */
    public static String key(String ruleId, String source, long recordId, long offset) {
        return new StringBuilder(ruleId.length() + source.length() + 32).append(ruleId).append('@').append(source)
                .append('#').append(recordId).append('@').append(offset).toString();
    }

    public RuleInfo rule() {
        return detection.rule();
    }
}
