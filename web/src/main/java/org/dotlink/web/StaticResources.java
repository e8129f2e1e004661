package org.dotlink.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pages, scripts and styles of the UI: a fixed list of class-path resources, read once at start
 * and served by exact path. No request path is ever turned into a file or resource name, so no path
 * (with {@code ../}, encoded or not) can reach anything else.
 */
final class StaticResources {

    /** A resource as served: its bytes and content type. */
    record Resource(byte[] bytes, String contentType) {}

    private static final String BASE = "/org/dotlink/web/static/";

    private final Map<String, Resource> byPath = new LinkedHashMap<>();

    StaticResources() {
        add("/", "index.html", "text/html; charset=utf-8");
        add("/app.js", "app.js", "text/javascript; charset=utf-8");
        add("/graph.js", "graph.js", "text/javascript; charset=utf-8");
        add("/app.css", "app.css", "text/css; charset=utf-8");
        add("/favicon.svg", "favicon.svg", "image/svg+xml");
        add("/api/openapi.json", "openapi.json", "application/json");
    }

    private void add(String path, String name, String contentType) {
        try (InputStream in = StaticResources.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the build: " + BASE + name);
            }
            byPath.put(path, new Resource(in.readAllBytes(), contentType));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The served paths and their resources. */
    Map<String, Resource> all() {
        return byPath;
    }
}
