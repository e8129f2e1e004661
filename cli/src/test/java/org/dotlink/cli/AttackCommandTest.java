package org.dotlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dotlink attack update} against a local HTTP server; never the internet. */
class AttackCommandTest {

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void attackUpdateFetchesIntoTheGivenFile() throws Exception {
        String bundle = """
                {"type": "bundle", "id": "bundle--1", "objects": [
                 {"type": "attack-pattern", "spec_version": "2.1", "id": "attack-pattern--1", "name": "Exploit Public-Facing Application",
                  "external_references": [{"source_name": "mitre-attack", "external_id": "T1190"}],
                  "kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": "initial-access"}]},
                 {"type": "intrusion-set", "spec_version": "2.1", "id": "intrusion-set--1", "name": "GALLIUM",
                  "external_references": [{"source_name": "mitre-attack", "external_id": "G0093"}]}
                ]}
                """;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/enterprise-attack.json", exchange -> {
            byte[] bytes = bundle.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            Path target = tmp.resolve("attack/enterprise-attack.json");
            CliRun r = run("attack", "update", "--to", target.toString(), "--url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/enterprise-attack.json");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("1 techniques, 1 groups, 0 software, 0 campaigns"), r.out());
            assertEquals(bundle, Files.readString(target));

            CliRun missing = run("attack", "update", "--to", target.toString(), "--url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/nothing-here.json");
            assertEquals(1, missing.exit());
            assertTrue(missing.err().contains("HTTP 404"), missing.err());
            assertEquals(bundle, Files.readString(target));
        } finally {
            server.stop(0);
        }
    }

}
