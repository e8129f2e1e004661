package org.dotlink.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON API behind the pages (documented in {@code openapi.json}): the overview, findings with
 * filters and paging, the values filters offer, the timeline, the technique heatmap, stories with
 * their graphs, and clusters with their overlap and attribution.
 */
final class Api {

    static final String STORIES_NEED_FROM = "stories and clusters come from a hunt's output folder:"
            + " serve it with --from DIR (the store alone has each finding's story id only)";

    private final FindingsQueries queries;
    private final FindingsDb db;
    private final HuntOutputs outputs;

    Api(FindingsDb db, FindingIndex index, HuntOutputs outputs) {
        this.db = db;
        this.queries = new FindingsQueries(db, index);
        this.outputs = outputs;
    }

    /** {@code GET /api/summary}: inputs, counts and problems. */
    void summary(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("folder", outputs.folder() == null ? null : outputs.folder().toString());
        inputs.put("db", db.loadedFromFolder() ? null : db.file().toString());
        out.put("inputs", inputs);
        Map<String, Object> facets = queries.facets();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("findings", facets.get("total"));
        counts.put("by_level", facets.get("levels"));
        counts.put("stories", outputs.hasStories() ? outputs.storiesTotal() : facets.get("stories"));
        counts.put("clusters", outputs.hasClusters() ? outputs.clusters().path("clusters_total").asInt(
                outputs.clusters().path("clusters").size()) : null);
        out.put("counts", counts);
        List<String> problems = new ArrayList<>(outputs.problems());
        problems.addAll(db.problems());
        JsonNode summary = outputs.summary();
        if (summary != null) {
            summary.path("inputs").path("problems").forEach(p -> problems.add(p.isTextual() ? p.asText() : p.toString()));
        }
        out.put("problems", problems);
        out.put("hunt", summary);
        out.put("stories_available", outputs.hasStories());
        out.put("clusters_available", outputs.hasClusters());
        if (!outputs.hasStories() || !outputs.hasClusters()) {
            out.put("notice", STORIES_NEED_FROM);
        }
        send(ctx, out);
    }

    /** {@code GET /api/findings}: one page of the filtered findings. */
    void findings(Context ctx) {
        FindingFilter filter = FindingFilter.parse(ctx::queryParam);
        send(ctx, queries.page(filter, intParam(ctx, "page", 1), intParam(ctx, "size", 50)));
    }

    /** {@code GET /api/facets}: what the filters offer, with counts. */
    void facets(Context ctx) {
        send(ctx, queries.facets());
    }

    /** {@code GET /api/timeline}: findings per time bucket and level, with the findings filters. */
    void timeline(Context ctx) {
        send(ctx, queries.timeline(FindingFilter.parse(ctx::queryParam)));
    }

    /** {@code GET /api/heatmap}: findings per tactic and technique. */
    void heatmap(Context ctx) {
        send(ctx, Map.of("cells", queries.heatmap()));
    }

    /** {@code GET /api/stories}: the stories, best first, without their findings. */
    void stories(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (outputs.hasStories()) {
            out.put("source", "stories.json");
            out.put("total", outputs.storiesTotal());
            out.put("stories", outputs.storyList());
        } else {
            out.put("source", "store");
            out.put("notice", STORIES_NEED_FROM);
            List<Map<String, Object>> stories = queries.storiesInStore();
            out.put("total", stories.size());
            out.put("stories", stories);
        }
        send(ctx, out);
    }

    /** {@code GET /api/stories/{id}}: one story with its findings, links and graph. */
    void story(Context ctx) {
        String id = ctx.pathParam("id");
        if (!outputs.hasStories()) {
            throw new Refused(404, STORIES_NEED_FROM);
        }
        JsonNode story = outputs.story(id);
        if (story == null) {
            throw new Refused(404, "no such story");
        }
        send(ctx, story);
    }

    /** {@code GET /api/clusters}: clusters with attribution, and their overlap. */
    void clusters(Context ctx) {
        if (!outputs.hasClusters()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("available", false);
            out.put("notice", STORIES_NEED_FROM);
            send(ctx, out);
            return;
        }
        send(ctx, outputs.clusters());
    }

    private static int intParam(Context ctx, String name, int otherwise) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a whole number");
        }
    }

    static void send(Context ctx, Object body) {
        ctx.contentType("application/json").result(Json.write(body));
    }
}
