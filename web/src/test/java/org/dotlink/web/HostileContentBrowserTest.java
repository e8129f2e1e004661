package org.dotlink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Script and HTML payloads in host names, user names, command lines, field names, sources, rule titles,
 * story links, cluster attribution and hunt problems stay text on every page, in headless Chromium:
 * no script runs ({@code window.__pwned} stays undefined, no alert opens) and no element they name
 * appears; the payloads are shown as the characters they are.
 */
class HostileContentBrowserTest {

    @TempDir
    static Path dir;

    static FindingsDb db;
    static WebServer server;
    static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        driver = Chromium.start();
        Path hunt = dir.resolve("hunt");
        HostileHunt.write(hunt);
        db = FindingsDb.load(hunt.resolve("findings.jsonl"), dir);
        server = WebServer.start(new WebServer.Settings("127.0.0.1", 0, null), db, HuntOutputs.read(hunt));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
            db.close();
        }
    }

    @Test
    void payloadsStayInertOnEveryPage() throws Exception {
        String base = "http://127.0.0.1:" + server.port() + "/";
        List<String> pages = List.of("#/overview", "#/stories", "#/stories/story-0001", "#/findings",
                "#/findings?q=" + java.net.URLEncoder.encode("<script>", "UTF-8"), "#/timeline", "#/attack",
                "#/clusters");
        for (String page : pages) {
            driver.get(base + page);
            waitForContent();
            if (page.equals("#/findings")) {
                List<WebElement> rows = driver.findElements(By.cssSelector("#findings-table tbody tr.row"));
                assertEquals(7, rows.size());
                rows.forEach(WebElement::click);
                assertEquals(7, driver.findElements(By.cssSelector("#findings-table tr.detail")).size());
                assertTrue(driver.findElement(By.id("findings-table")).getText().contains("<script>window.__pwned=1</script>"));
            }
            if (page.equals("#/stories/story-0001")) {
                for (WebElement node : driver.findElements(By.cssSelector("#story-graph svg g.node circle"))) {
                    node.click();
                }
                assertTrue(driver.findElement(By.id("story-links")).getText().contains("the reason is <img id=pwn"));
            }
            if (page.equals("#/clusters")) {
                driver.findElements(By.cssSelector("details summary")).forEach(WebElement::click);
            }
            assertInert(page);
            Chromium.screenshot(driver, "hostile-" + page.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", ""));
        }
    }

    private void waitForContent() {
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(d -> {
            String text = d.findElement(By.id("main")).getText();
            return !text.startsWith("Loading");
        });
        new WebDriverWait(driver, Duration.ofSeconds(2)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }

    private void assertInert(String page) {
        try {
            driver.switchTo().alert();
            throw new AssertionError(page + ": an alert opened");
        } catch (NoAlertPresentException expected) {
            // no dialog: nothing ran
        }
        assertNull(Chromium.script(driver, "return window.__pwned;"), page + ": a payload ran");
        assertEquals(0L, Chromium.script(driver, "return document.querySelectorAll('#pwn, [onerror], [onload],"
                + " [onmouseover], iframe, main script, img[src=x]').length;"), page + ": an element was injected");
        assertTrue(driver.findElements(By.id("error")).isEmpty(), page + ": " + driver.findElement(By.id("main")).getText());
    }
}
