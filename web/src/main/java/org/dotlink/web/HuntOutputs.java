package org.dotlink.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON files of a hunt's output folder the server shows (docs/OUTPUTS.md): {@code summary.json},
 * {@code stories.json} and {@code clusters.json}, read once at start. A missing or unreadable file is a
 * problem the overview lists; the rest is still served.
 */
public final class HuntOutputs {

    private final Path folder;
    private final JsonNode summary;
    private final JsonNode stories;
    private final JsonNode clusters;
    private final Map<String, JsonNode> storiesById = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private HuntOutputs(Path folder) {
        this.folder = folder;
        this.summary = folder == null ? null : read("summary.json");
        this.stories = folder == null ? null : read("stories.json");
        this.clusters = folder == null ? null : read("clusters.json");
        if (stories != null) {
            for (JsonNode s : stories.path("stories")) {
                storiesById.put(s.path("id").asText(), s);
            }
        }
    }

    /** The outputs in {@code folder}. */
    public static HuntOutputs read(Path folder) {
        return new HuntOutputs(folder);
    }

    /** No output folder: only the store is served. */
    public static HuntOutputs none() {
        return new HuntOutputs(null);
    }

    private JsonNode read(String name) {
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            problems.add(file + ": missing");
            return null;
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            problems.add(file + ": not readable JSON: " + e.getMessage());
            return null;
        }
    }

    /** The output folder, or null. */
    public Path folder() {
        return folder;
    }

    /** What could not be read. */
    public List<String> problems() {
        return problems;
    }

    public JsonNode summary() {
        return summary;
    }

    public boolean hasStories() {
        return stories != null;
    }

    public boolean hasClusters() {
        return clusters != null;
    }

    public JsonNode clusters() {
        return clusters;
    }

    /** The stories, best first, each without its findings and links but with their counts. */
    public ArrayNode storyList() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode s : storiesById.values()) {
            ObjectNode o = ((ObjectNode) s).deepCopy();
            o.remove("findings");
            o.remove("links");
            o.put("finding_count", s.path("findings").size());
            o.put("link_count", s.path("links").size());
            o.set("levels", levels(s));
            out.add(o);
        }
        return out;
    }

    private static ArrayNode levels(JsonNode story) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String l : new String[] {"critical", "high", "medium", "low", "informational"}) {
            counts.put(l, 0);
        }
        story.path("findings").forEach(f -> counts.computeIfPresent(f.path("level").asText(), (k, n) -> n + 1));
        ArrayNode out = Json.MAPPER.createArrayNode();
        counts.forEach((level, n) -> {
            if (n > 0) {
                out.addObject().put("level", level).put("n", n);
            }
        });
        return out;
    }

    /** One story as {@code stories.json} has it, plus its entity graph; null when there is no such story. */
    public JsonNode story(String id) {
        JsonNode s = storiesById.get(id);
        if (s == null) {
            return null;
        }
        ObjectNode o = ((ObjectNode) s).deepCopy();
        o.set("graph", Json.MAPPER.valueToTree(StoryGraph.of(s)));
        return o;
    }

    /** The total the stories file gives, or 0. */
    public int storiesTotal() {
        return stories == null ? 0 : stories.path("stories_total").asInt(storiesById.size());
    }
}
