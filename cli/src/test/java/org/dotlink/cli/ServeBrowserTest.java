package org.dotlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.dotlink.web.FindingsDb;
import org.dotlink.web.HuntOutputs;
import org.dotlink.web.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.dotlink.report.HeadlessChromium;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * The web UI in headless Chromium over a real hunt of the shared EVTX attack samples: every page loads,
 * a story opens and its graph is drawn, clicking a node lists its findings, filters narrow the findings
 * table to the counts read from {@code findings.jsonl}, and paging moves through them. Screenshots go
 * to {@code target/screenshots/}.
 */
class ServeBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    static List<JsonNode> findings;
    static FindingsDb db;
    static WebServer server;
    static HeadlessChromium browser;
    static ChromeDriver driver;
    static String base;

    @BeforeAll
    static void huntAndServe() throws Exception {
        Path samples = SharedData.dir().resolve("evtx-attack-samples");
        Path bundle = SharedData.dir().resolve("attack").resolve("enterprise-attack.json");
        browser = HeadlessChromium.startOrSkip();
        driver = browser.driver();
        Path out = tmp.resolve("out");
        CommandLine cli = Dotlink.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cli.execute("hunt", samples.toString(), "--out", out.toString(), "--attack", bundle.toString(),
                "--quiet"), err.toString());
        findings = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("findings.jsonl"))) {
            findings.add(JSON.readTree(line));
        }
        db = FindingsDb.load(out.resolve("findings.jsonl"), tmp);
        server = WebServer.start(new WebServer.Settings("127.0.0.1", 0, null), db, HuntOutputs.read(out));
        base = "http://127.0.0.1:" + server.port() + "/";
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
            db.close();
        }
    }

    @Test
    void everyPageLoads() throws Exception {
        open("#/overview");
        assertEquals(String.format("%,d", findings.size()),
                driver.findElement(By.cssSelector("#findings-total .n")).getText());
        assertTrue(driver.findElement(By.id("problems")).getText().contains("None"));
        shot("overview");
        open("#/timeline");
        assertTrue(driver.findElements(By.cssSelector(".timeline-chart rect")).size() > 5);
        shot("timeline");
        open("#/attack");
        assertTrue(driver.findElements(By.cssSelector(".heat .cell")).size() > 20);
        shot("attack");
        open("#/clusters");
        assertTrue(driver.findElements(By.cssSelector(".cluster")).size() > 10);
        assertTrue(driver.findElements(By.cssSelector("#overlap td")).size() > 100);
        driver.findElement(By.cssSelector(".cluster details summary")).click();
        assertTrue(driver.findElement(By.cssSelector(".cluster .attribution")).getText().contains("G0"));
        shot("clusters");
    }

    @Test
    void aStoryOpensWithItsGraphAndANodeListsItsFindings() throws Exception {
        open("#/stories");
        List<WebElement> items = driver.findElements(By.cssSelector("#story-list .item"));
        assertTrue(items.size() > 100);
        items.get(3).click();
        waitFor(d -> d.getCurrentUrl().endsWith("#/stories/story-0004")
                && !d.findElements(By.cssSelector("#story-graph svg g.node")).isEmpty());
        List<WebElement> nodes = driver.findElements(By.cssSelector("#story-graph svg g.node"));
        assertTrue(nodes.size() >= 2, "nodes: " + nodes.size());
        assertTrue(driver.findElements(By.cssSelector("#story-graph svg line.edge")).size() >= 1);
        driver.findElement(By.cssSelector("#story-graph svg g.node-host circle")).click();
        waitFor(d -> !d.findElements(By.cssSelector("#node-findings tbody tr")).isEmpty());
        long onHost = findings.stream().filter(f -> "story-0004".equals(f.path("story").asText())).count();
        assertEquals(onHost, driver.findElements(By.cssSelector("#node-findings tbody tr")).size());
        shot("story-graph");
    }

    @Test
    void filtersNarrowTheFindingsToTheExactCounts() throws Exception {
        open("#/findings");
        assertEquals(String.format("%,d findings", findings.size()), driver.findElement(By.id("findings-count")).getText());
        shot("findings");

        long high = findings.stream().filter(f -> f.path("level").asText().equals("high")).count();
        new Select(driver.findElement(By.id("f-level"))).selectByValue("high");
        driver.findElement(By.id("f-apply")).click();
        waitFor(d -> d.findElement(By.id("findings-count")).getText().equals(String.format("%,d findings", high)));

        Map<String, Integer> highHosts = new TreeMap<>();
        findings.stream().filter(f -> f.path("level").asText().equals("high"))
                .forEach(f -> highHosts.merge(f.path("host").asText(), 1, Integer::sum));
        String host = highHosts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        long both = highHosts.get(host);
        new Select(driver.findElement(By.id("f-host"))).selectByValue(host);
        driver.findElement(By.id("f-apply")).click();
        waitFor(d -> d.findElement(By.id("findings-count")).getText().equals(String.format("%,d findings", both)));
        assertTrue(both < high && high < findings.size());
        assertEquals(Math.min(both, 50), driver.findElements(By.cssSelector("#findings-table tbody tr.row")).size());
        shot("findings-filtered");

        String text = "mimikatz";
        long withText = findings.stream().filter(f -> (f.path("rule_title").asText() + f.path("host").asText()
                + f.path("source").asText() + f.path("fields").toString()).toLowerCase().contains(text)).count();
        open("#/findings?q=" + text);
        assertEquals(String.format("%,d findings", withText), driver.findElement(By.id("findings-count")).getText());
    }

    @Test
    void pagingMovesThroughTheFindings() throws Exception {
        open("#/findings");
        int pages = (findings.size() + 49) / 50;
        assertEquals("Page 1 of " + pages, driver.findElement(By.id("page-label")).getText());
        String firstRow = driver.findElement(By.cssSelector("#findings-table tbody tr.row")).getText();
        driver.findElement(By.id("pager-next")).click();
        waitFor(d -> d.findElement(By.id("page-label")).getText().equals("Page 2 of " + pages));
        assertEquals(50, driver.findElements(By.cssSelector("#findings-table tbody tr.row")).size());
        assertNotEquals(firstRow, driver.findElement(By.cssSelector("#findings-table tbody tr.row")).getText());
        driver.findElement(By.cssSelector("#findings-table tbody tr.row")).click();
        assertTrue(driver.findElement(By.cssSelector("#findings-table tr.detail")).getText().contains("EventID"));
        shot("findings-page-2");
        open("#/findings?page=" + pages);
        assertEquals(findings.size() - 50 * (pages - 1),
                driver.findElements(By.cssSelector("#findings-table tbody tr.row")).size());
        assertTrue(driver.findElement(By.id("pager-next")).getAttribute("disabled") != null);
    }

    private static void open(String page) {
        driver.get(base + page);
        if (page.contains("?")) {
            driver.navigate().refresh();
        }
        waitFor(d -> !d.findElement(By.id("main")).getText().startsWith("Loading")
                && !d.findElements(By.tagName("h1")).isEmpty());
        assertTrue(driver.findElements(By.id("error")).isEmpty(), driver.findElement(By.id("main")).getText());
    }

    private static void waitFor(Predicate<org.openqa.selenium.WebDriver> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(condition::test);
    }

    /** Saves what the window shows as {@code target/screenshots/NAME.png}. */
    private static void shot(String name) throws Exception {
        browser.screenshot(Path.of("target", "screenshots", name + ".png"), 1000);
    }
}
