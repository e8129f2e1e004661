package org.dotlink.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.dotlink.store.StoreException;

/**
 * {@code dotlink serve}: a Javalin server over a hunt's results, with the UI's pages from the class
 * path and the JSON API ({@link Api}). Bound to 127.0.0.1 unless told otherwise; bound to any other
 * address it requires a token ({@link AccessGuard}). It only reads: the store is opened read-only and
 * only GET and HEAD are answered.
 */
public final class WebServer implements AutoCloseable {

    /**
     * How the server listens.
     *
     * @param bind  the address to bind (default 127.0.0.1)
     * @param port  the port, 0 for any free one
     * @param token the token to require, or null: none on a loopback address, a generated one elsewhere
     */
    public record Settings(String bind, int port, String token) {

        public static final String DEFAULT_BIND = "127.0.0.1";
        public static final int DEFAULT_PORT = 7474;
    }

    private final Javalin app;
    private final String token;
    private final String bind;

    private WebServer(Javalin app, String token, String bind) {
        this.app = app;
        this.token = token;
        this.bind = bind;
    }

    /** As {@link #start(Settings, FindingsDb, HuntOutputs, Consumer)}, without progress lines. */
    public static WebServer start(Settings settings, FindingsDb db, HuntOutputs outputs) {
        return start(settings, db, outputs, line -> {});
    }

    /**
     * Starts a server over {@code db} (and {@code outputs}, which may be {@link HuntOutputs#none()}),
     * first reading the findings into memory ({@link FindingIndex}) with progress lines to {@code log}.
     */
    public static WebServer start(Settings settings, FindingsDb db, HuntOutputs outputs, Consumer<String> log) {
        String bind = settings.bind() == null ? Settings.DEFAULT_BIND : settings.bind();
        String token = settings.token();
        if (token == null && !AccessGuard.isLoopback(bind)) {
            token = AccessGuard.newToken();
        }
        AccessGuard guard = new AccessGuard(token);
        StaticResources resources = new StaticResources();
        Api api = new Api(db, FindingIndex.build(db, log), outputs);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.generateEtags = false;
            config.router.ignoreTrailingSlashes = false;
            config.routes.before(ctx -> {
                SecurityHeaders.apply(ctx);
                guard.check(ctx);
            });
            resources.all().forEach((path, r) -> config.routes.get(path,
                    ctx -> ctx.contentType(r.contentType()).result(r.bytes())));
            config.routes.get("/api/summary", api::summary);
            config.routes.get("/api/findings", api::findings);
            config.routes.get("/api/facets", api::facets);
            config.routes.get("/api/timeline", api::timeline);
            config.routes.get("/api/heatmap", api::heatmap);
            config.routes.get("/api/stories", api::stories);
            config.routes.get("/api/stories/{id}", api::story);
            config.routes.get("/api/clusters", api::clusters);
            config.routes.exception(Refused.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(StoreException.class, (e, ctx) -> error(ctx, 500, "the query failed"));
            config.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error"));
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    error(ctx, 404, "not found");
                }
            });
            config.routes.error(405, ctx -> error(ctx, 405, "read-only: only GET and HEAD are served"));
        });
        app.start(bind, settings.port());
        return new WebServer(app, token, bind);
    }

    private static void error(Context ctx, int status, String message) {
        SecurityHeaders.apply(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        ctx.status(status);
        Api.send(ctx, body);
    }

    /** The port listened on. */
    public int port() {
        return app.port();
    }

    /** The token requests must carry, or null when none is needed. */
    public String token() {
        return token;
    }

    /** The address to open in a browser, with the token login when one is needed. */
    public String url() {
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        return "http://" + host + ":" + port() + "/" + (token == null ? "" : "?token=" + token);
    }

    @Override
    public void close() {
        app.stop();
    }
}
