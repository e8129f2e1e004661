package org.dotlink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dotlink.store.QueryResult;
import org.dotlink.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's defences, over HTTP: security headers on every answer, the token when bound beyond
 * loopback, the Host check without one, paths that try to leave the served resources, and writes
 * through the API (methods, and SQL in filter values) against a real store file that stays unchanged.
 */
class ServerSecurityTest {

    @TempDir
    static Path dir;

    static int findings;
    static Path dbFile;
    static FindingsDb db;
    static WebServer open;
    static WebServer guarded;
    static final String TOKEN = "test-token-0123456789abcdef";

    @BeforeAll
    static void start() throws Exception {
        Path hunt = dir.resolve("hunt");
        findings = HostileHunt.write(hunt);
        dbFile = dir.resolve("store.duckdb");
        try (Store store = Store.open(dbFile)) {
            store.addFindings(new FindingsJsonl(hunt.resolve("findings.jsonl")), s -> s);
        }
        db = FindingsDb.open(dbFile);
        open = WebServer.start(new WebServer.Settings("127.0.0.1", 0, null), db, HuntOutputs.read(hunt));
        guarded = WebServer.start(new WebServer.Settings("0.0.0.0", 0, TOKEN), db, HuntOutputs.read(hunt));
    }

    @AfterAll
    static void stop() {
        open.close();
        guarded.close();
        db.close();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/app.js", "/api/summary", "/api/findings?page=0", "/nothing", "/api/stories/x")) {
            RawHttp.Response r = RawHttp.send(open.port(), "GET", path);
            String head = r.head().toLowerCase();
            assertTrue(head.contains("content-security-policy: default-src 'self'; script-src 'self'"), path + "\n" + head);
            assertFalse(head.contains("unsafe-inline"), path);
            assertTrue(head.contains("x-content-type-options: nosniff"), path);
            assertTrue(head.contains("x-frame-options: deny"), path);
        }
        assertEquals(200, RawHttp.send(open.port(), "GET", "/").status());
        assertEquals(400, RawHttp.send(open.port(), "GET", "/api/findings?page=0").status());
    }

    @Test
    void boundBeyondLoopbackEveryRequestNeedsTheToken() throws Exception {
        int port = guarded.port();
        for (String path : List.of("/", "/app.js", "/api/summary", "/api/findings", "/api/openapi.json", "/nothing")) {
            RawHttp.Response r = RawHttp.send(port, "GET", path);
            assertEquals(401, r.status(), path);
            assertFalse(r.body().contains("Hostile"), path);
        }
        assertEquals(401, RawHttp.send(port, "GET", "/api/summary", "Authorization: Bearer wrong").status());
        assertEquals(401, RawHttp.send(port, "GET", "/api/summary", "Cookie: dotlink_token=wrong").status());
        assertEquals(401, RawHttp.send(port, "GET", "/?token=wrong").status());
        assertEquals(200, RawHttp.send(port, "GET", "/api/summary", "Authorization: Bearer " + TOKEN).status());
        assertEquals(200, RawHttp.send(port, "GET", "/api/summary", "Cookie: dotlink_token=" + TOKEN).status());
        RawHttp.Response login = RawHttp.send(port, "GET", "/?token=" + TOKEN);
        assertEquals(303, login.status());
        String head = login.head().toLowerCase();
        assertTrue(head.contains("set-cookie: dotlink_token=" + TOKEN.toLowerCase()), head);
        assertTrue(head.contains("httponly") && head.contains("samesite=strict"), head);
        assertTrue(head.contains("location: /\r\n") || head.endsWith("location: /"), head);
    }

    @Test
    void aGeneratedTokenIsLongAndRandom() {
        String a = AccessGuard.newToken();
        String b = AccessGuard.newToken();
        assertEquals(43, a.length());
        assertFalse(a.equals(b));
        assertTrue(AccessGuard.isLoopback("127.0.0.1") && AccessGuard.isLoopback("::1"));
        assertFalse(AccessGuard.isLoopback("0.0.0.0"));
    }

    @Test
    void withoutATokenOnlyLoopbackHostNamesAreAnswered() throws Exception {
        assertEquals(403, RawHttp.send(open.port(), "GET", "/api/summary", "Host: attacker.example").status());
        assertEquals(403, RawHttp.send(open.port(), "GET", "/", "Host: 127.0.0.1.attacker.example").status());
        assertEquals(200, RawHttp.send(open.port(), "GET", "/api/summary", "Host: localhost:" + open.port()).status());
    }

    @Test
    void noPathReachesAFile() throws Exception {
        List<String> paths = List.of("/../../../../etc/passwd", "/..%2f..%2f..%2f..%2fetc%2fpasswd",
                "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/%252e%252e%252f%252e%252e%252fetc%252fpasswd", "/..\\..\\..\\etc\\passwd",
                "/%5c..%5c..%5c..%5cetc%5cpasswd", "/app.js/../../../etc/passwd", "/api/../../etc/passwd",
                "/static/../../pom.xml", "/org/dotlink/web/WebServer.class", "/WEB-INF/web.xml",
                "/api/stories/..%2f..%2f..%2fetc%2fpasswd", "/api/stories/%2e%2e%2f%2e%2e%2fpom.xml",
                "//etc/passwd", "/file:///etc/passwd", "/%00/etc/passwd", "/.%2e/.%2e/etc/passwd");
        for (String path : paths) {
            RawHttp.Response r = RawHttp.send(open.port(), "GET", path);
            assertTrue(r.status() == 400 || r.status() == 404, path + " gave " + r.status());
            assertFalse(r.body().contains("root:"), path);
            assertFalse(r.body().contains("<project"), path);
        }
    }

    @Test
    void writesThroughTheApiFailAndTheStoreIsUnchanged() throws Exception {
        String before = fingerprint();
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/api/findings", "/api/stories/story-0001", "/", "/api/summary")) {
                RawHttp.Response r = RawHttp.send(open.port(), method, path);
                assertEquals(405, r.status(), method + " " + path);
            }
        }
        String injection = URLEncoder.encode(HostileHunt.INJECTION, StandardCharsets.UTF_8);
        for (String param : List.of("rule", "host", "technique", "story", "q", "level", "from")) {
            RawHttp.Response r = RawHttp.send(open.port(), "GET", "/api/findings?" + param + "=" + injection);
            if (param.equals("level") || param.equals("from")) {
                assertEquals(400, r.status(), param);
            } else {
                assertEquals(200, r.status(), param);
                assertEquals(0, Json.read(r.body()).get("total").asLong(), param);
            }
        }
        RawHttp.Response all = RawHttp.send(open.port(), "GET", "/api/findings");
        assertEquals(findings, Json.read(all.body()).get("total").asInt());
        open.close();
        guarded.close();
        db.close();
        assertEquals(before, fingerprint());
        try (Store store = Store.openReadOnly(dbFile)) {
            assertEquals((long) findings, ((Number) store.query("SELECT count(*) FROM findings").rows().get(0).get(0)).longValue());
        }
        db = FindingsDb.open(dbFile);
        Path hunt = dir.resolve("hunt");
        open = WebServer.start(new WebServer.Settings("127.0.0.1", 0, null), db, HuntOutputs.read(hunt));
        guarded = WebServer.start(new WebServer.Settings("0.0.0.0", 0, TOKEN), db, HuntOutputs.read(hunt));
    }

    @Test
    void theReadConnectionsRefuseWritesThemselves() {
        Throwable t = null;
        try {
            db.with(s -> s.query("DELETE FROM findings", List.of()));
        } catch (RuntimeException e) {
            t = e;
        }
        assertNotNull(t);
        QueryResult r = db.with(s -> s.query("SELECT count(*) FROM findings", List.of()));
        assertEquals((long) findings, ((Number) r.rows().get(0).get(0)).longValue());
    }

    @Test
    void openApiDescribesEveryRoute() throws Exception {
        JsonNode doc = Json.read(RawHttp.send(open.port(), "GET", "/api/openapi.json").body());
        for (String path : List.of("/api/summary", "/api/findings", "/api/facets", "/api/timeline", "/api/heatmap",
                "/api/stories", "/api/stories/{id}", "/api/clusters")) {
            assertTrue(doc.path("paths").has(path), path);
            String concrete = path.replace("{id}", "story-0001");
            assertEquals(200, RawHttp.send(open.port(), "GET", concrete).status(), concrete);
        }
    }

    private static String fingerprint() throws Exception {
        byte[] bytes = Files.readAllBytes(dbFile);
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
