package org.dotlink.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One detection: a rule that fired. A single-event rule's detection carries the event; a correlation
 * rule's carries no event but the references of the events that made it, the values of its group-by
 * fields, and the time of the last of them.
 *
 * @param event   the matching event, or null for a correlation detection
 * @param events  for a correlation detection, the events that made it (in time order); else empty
 * @param groupBy for a correlation detection, its group-by field values; else empty
 * @param time    ISO-8601 UTC: the event's time, or the time of a correlation's last event
 * @param host    the event's host, or for a correlation the one host its events share ("" when several)
 */
public record Detection(RuleInfo rule, Event event, List<EventRef> events, Map<String, String> groupBy, String time,
                        String host) {

    public Detection {
        events = new ArrayList<>(events);
        groupBy = new LinkedHashMap<>(groupBy);
    }

    /** The detection of a single-event rule. */
    public static Detection of(RuleInfo rule, Event event) {
        return new Detection(rule, event, List.of(), Map.of(), event.time(), event.host());
    }

    /** The detection of a correlation rule over the given events (non-empty, in time order). */
    public static Detection correlation(RuleInfo rule, List<EventRef> events, Map<String, String> groupBy,
                                        String host) {
        return new Detection(rule, null, events, groupBy, events.get(events.size() - 1).time(), host);
    }

    public boolean isCorrelation() {
        return event == null;
    }
}
