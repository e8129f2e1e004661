package org.dotlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dotlink.report.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dotlink hunt} over the shared EVTX attack samples writes the report and the exports; the report,
 * opened in headless Chromium, has every section filled. Screenshots go to {@code target/screenshots/}.
 */
class HuntReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void reportOfTheAttackSamplesShowsEverySection() throws Exception {
        Path data = SharedData.dir();
        CommandLine cli = Dotlink.commandLine();
        StringWriter stdout = new StringWriter();
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(new StringWriter()));
        int exit = cli.execute("hunt", data.resolve("evtx-attack-samples").toString(), "--out", out.toString(),
                "--attack", data.resolve("attack/enterprise-attack.json").toString(), "--quiet");
        assertTrue(exit == 0 || exit == 1, "exit " + exit);
        for (String f : List.of("report.html", "attack-layer.json", "stix-bundle.json", "misp-event.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode layer = JSON.readTree(out.resolve("attack-layer.json").toFile());
        assertEquals("4.5", layer.path("versions").path("layer").asText());
        long findings = Files.readAllLines(out.resolve("findings.jsonl")).size();
        long clusters = JSON.readTree(out.resolve("clusters.json").toFile()).path("clusters_total").asLong();
        try (var layers = Files.list(out.resolve("layers"))) {
            assertTrue(layers.count() >= clusters, "a layer per cluster, and per attributed cluster against its group");
        }
        assertTrue(Files.exists(out.resolve("layers/cluster-01.json")));
        assertEquals("bundle", JSON.readTree(out.resolve("stix-bundle.json").toFile()).path("type").asText());
        assertTrue(JSON.readTree(out.resolve("misp-event.json").toFile()).path("Event").path("Attribute").size() > 0);

        try (HeadlessChromium chromium = HeadlessChromium.startOrSkip()) {
            chromium.open(out.resolve("report.html"));
            assertEquals("true", chromium.js("return document.body.getAttribute('data-rendered')"));
            assertEquals(8L, chromium.js("return document.querySelectorAll('#overview .card').length"));
            assertEquals(String.format("%,d", findings), chromium.js(
                    "return document.querySelectorAll('#overview .card .v')[2].textContent"));
            assertTrue(count(chromium, "#overview .bar") >= 5, "levels, hosts and rules");
            assertEquals(10L, chromium.js("return document.querySelectorAll('#stories .story').length"));
            assertTrue(count(chromium, "#stories .story svg.graph rect") >= 10, "a host in every story graph");
            assertTrue(count(chromium, "#stories .story svg.graph line") > 0, "links drawn");
            assertTrue(count(chromium, "#stories .story li") > 0, "link reasons listed");
            assertTrue(count(chromium, "#timeline svg rect") > 0, "timeline bars");
            assertTrue(count(chromium, "#matrix .cell") >= 40, "techniques in the matrix");
            assertTrue(((String) chromium.js("return document.querySelector('#matrix').textContent"))
                    .contains("LSASS Memory"), "technique names from the ATT&CK bundle");
            assertTrue(count(chromium, "#clusters tbody tr") >= Math.min(clusters, 30));
            assertEquals(400L, chromium.js("return document.querySelectorAll('#clusters svg.graph rect').length"),
                    "a 20 x 20 overlap heatmap");
            assertTrue(count(chromium, "#attribution .cand") >= 10, "candidates with their confidence");
            assertTrue(count(chromium, "#attribution details li") > 0, "evidence");
            assertEquals(50L, chromium.js("return document.querySelectorAll('#findings-body tr').length"));
            assertTrue(((String) chromium.js("return document.getElementById('findings-page').textContent"))
                    .endsWith("of " + findings + " · page 1 of " + ((findings + 49) / 50)));

            Path shots = Path.of("target/screenshots");
            chromium.screenshot(shots.resolve("hunt-report-full.png"), 16000);
            for (String id : List.of("overview", "stories", "timeline", "matrix", "clusters", "attribution", "findings")) {
                chromium.screenshot(shots.resolve("hunt-report-" + id + ".png"), "#" + id);
            }
        }
    }

    private static long count(HeadlessChromium chromium, String selector) {
        return (Long) chromium.js("return document.querySelectorAll(arguments[0]).length", selector);
    }
}
