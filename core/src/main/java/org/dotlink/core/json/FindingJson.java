package org.dotlink.core.json;

import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.EventRef;
import org.dotlink.core.Finding;

/**
 * Writes findings as JSON lines in DESIGN.md's {@code findings.jsonl} format: {@code time}, {@code host},
 * {@code channel}, {@code event_id}, {@code record_id}, {@code source}, {@code rule_id},
 * {@code rule_title}, {@code level}, {@code techniques}, {@code tactics}, {@code software},
 * {@code asset_role}, {@code story}, {@code fields}, {@code recovered} when true; a correlation's finding
 * has {@code record_id} null, {@code group_by} and {@code events} (its events' {@code source},
 * {@code record_id} and {@code time}).
 */
public final class FindingJson {

    private FindingJson() {}

    /** The findings as UTF-8 JSON lines, one per finding. */
    public static JsonLineWriter lines(List<Finding> findings) {
        return lines(findings, null, null);
    }

    /**
     * As {@link #lines(List)}, telling for each line i where its {@code ,"story":} member starts, counted from the
     * line's start ({@code storyAt[i]}), and the line's length with its newline ({@code lengths[i]}), so that the
     * story can be filled in later without reading the lines; the arrays hold at least one element per finding.
     */
    public static JsonLineWriter lines(List<Finding> findings, int[] storyAt, int[] lengths) {
        return lines(findings, null, storyAt, lengths);
    }

    /**
     * As {@link #lines(List, int[], int[])}, writing {@code pendingStory} as the story of each finding that has
     * none yet (null: {@code null}), to be replaced in place once stories are known.
     */
    public static JsonLineWriter lines(List<Finding> findings, String pendingStory, int[] storyAt, int[] lengths) {
        JsonLineWriter w = new JsonLineWriter(findings.size() * 2048 + 16);
        for (int i = 0; i < findings.size(); i++) {
            int start = w.size();
            int story = writeFinding(w, findings.get(i), pendingStory);
            w.newline();
            if (storyAt != null) {
                storyAt[i] = story - start;
                lengths[i] = w.size() - start;
            }
        }
        return w;
    }

    /** Writes one finding object. */
    public static void write(JsonLineWriter w, Finding f) {
        writeFinding(w, f, null);
    }

    /**
     * Writes one finding object, with {@code pendingStory} as its story when it has none; returns where its
     * {@code story} member starts (before its comma).
     */
    private static int writeFinding(JsonLineWriter w, Finding f, String pendingStory) {
        Detection d = f.detection();
        Event e = d.event();
        w.startObject();
        w.name("time").value(d.time());
        w.name("host").value(d.host());
        if (e != null) {
            w.name("channel").value(e.channel());
            EventJson.numberOrNull(w.name("event_id"), e.eventId());
            EventJson.numberOrNull(w.name("record_id"), e.recordId());
            w.name("source").value(e.source());
        } else {
            w.name("channel").nullValue();
            w.name("event_id").nullValue();
            w.name("record_id").nullValue();
            w.name("source").value(d.events().isEmpty() ? "" : d.events().get(0).source());
        }
        w.name("rule_id").value(d.rule().id());
        w.name("rule_title").value(d.rule().title());
        w.name("level").value(f.level().label());
        strings(w.name("techniques"), d.rule().techniques());
        strings(w.name("tactics"), d.rule().tactics());
        strings(w.name("software"), d.rule().software());
        nullable(w.name("asset_role"), f.assetRole());
        int story = w.size();
        nullable(w.name("story"), f.story() != null ? f.story() : pendingStory);
        if (e != null) {
            w.name("fields");
            EventJson.fields(w, e);
            if (e.recovered()) {
                w.name("recovered").value(true);
            }
        } else {
            w.name("group_by").startObject();
            for (Map.Entry<String, String> g : d.groupBy().entrySet()) {
                w.name(g.getKey()).value(g.getValue());
            }
            w.endObject();
            w.name("events").startArray();
            for (EventRef r : d.events()) {
                w.startObject();
                w.name("source").value(r.source());
                EventJson.numberOrNull(w.name("record_id"), r.recordId());
                w.name("time").value(r.time());
                w.endObject();
            }
            w.endArray();
        }
        w.endObject();
        return story;
    }

    private static void strings(JsonLineWriter w, List<String> values) {
        w.startArray();
        for (String s : values) {
            w.value(s);
        }
        w.endArray();
    }

    private static void nullable(JsonLineWriter w, String s) {
        if (s == null) {
            w.nullValue();
        } else {
            w.value(s);
        }
    }
}
