package org.dotlink.intel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The updater against a local HTTP server serving written bundles; never the internet. */
class AttackUpdaterTest {

    @TempDir
    Path tmp;

    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve("/enterprise-attack.json", 200, TestBundles.stix21());
        serve("/broken.json", 200, "{\"type\": \"bundle\", \"objects\": [");
        serve("/missing.json", 404, "not found");
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(String path, int status, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private AttackUpdater updater(String path) {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new AttackUpdater(HttpClient.newHttpClient(), uri);
    }

    @Test
    void downloadsIntoTheTargetAndReadsIt() throws Exception {
        Path target = tmp.resolve("cache/attack/enterprise-attack.json");
        AttackKnowledgeBase kb = updater("/enterprise-attack.json").update(target);
        assertEquals(TestBundles.stix21(), Files.readString(target));
        assertEquals(5, kb.techniques().size());
        assertEquals(target, kb.source());
        assertEquals(1, files(target.getParent()));
    }

    @Test
    void anInvalidDownloadLeavesThePreviousFileAlone() throws Exception {
        Path target = Files.writeString(tmp.resolve("enterprise-attack.json"), "previous");
        AttackDataException e = assertThrows(AttackDataException.class, () -> updater("/broken.json").update(target));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertEquals("previous", Files.readString(target));
        assertEquals(1, files(tmp));
    }

    @Test
    void anHttpErrorSaysSoAndLeavesThePreviousFileAlone() throws Exception {
        Path target = Files.writeString(tmp.resolve("enterprise-attack.json"), "previous");
        IOException e = assertThrows(IOException.class, () -> updater("/missing.json").update(target));
        assertTrue(e.getMessage().endsWith("/missing.json: HTTP 404"), e.getMessage());
        assertEquals("previous", Files.readString(target));
        assertEquals(1, files(tmp));
    }

    private static long files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
