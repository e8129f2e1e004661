package org.dotlink.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.NoAlertPresentException;

/**
 * Script and markup payloads in every string the logs give (command lines, user names, URLs, host names,
 * rule titles, link reasons, group names, input problems): in Chromium they show as text, nothing runs,
 * nothing is injected.
 */
class ReportInjectionTest {

    static final List<String> PAYLOADS = List.of(
            "<script>window.__pwned=1;alert(1)</script>",
            "\"><img src=x onerror=\"window.__pwned=1;alert(1)\">",
            "</script><script>window.__pwned=1;alert(1)</script>",
            "javascript:window.__pwned=1;alert(1)",
            "<svg onload=\"window.__pwned=1\"><!--",
            "' onmouseover='window.__pwned=1' x='",
            "line\u2028separator\u2029end & <b>bold</b>");

    @TempDir
    Path dir;

    @Test
    void payloadsAreShownAsTextAndNeverRun() throws Exception {
        ReportData data = SampleReports.write(dir, 40, PAYLOADS);
        Path report = ReportWriter.write(dir, data);
        String html = Files.readString(report);
        for (String p : List.of("<script>window", "<img src=x", "</script><script>", "<svg onload")) {
            assertTrue(!html.contains(p), "raw payload in the file: " + p);
        }
        assertEquals(2, html.split("<script", -1).length - 1, "only the data block and the page's script");

        try (HeadlessChromium chromium = HeadlessChromium.startOrSkip()) {
            chromium.open(report);
            assertThrows(NoAlertPresentException.class, () -> chromium.driver().switchTo().alert());
            assertEquals("true", chromium.js("return document.body.getAttribute('data-rendered')"),
                    "the page's script ran under its Content-Security-Policy");
            assertEquals(true, chromium.js("return typeof window.__pwned === 'undefined'"));
            assertEquals(0L, chromium.js("return document.querySelectorAll('img[src=x]').length"));
            assertEquals(0L, chromium.js("return document.querySelectorAll('img, iframe, object, embed').length"));
            assertEquals(0L, chromium.js("return Array.from(document.querySelectorAll('b'))"
                    + ".filter(b => b.textContent === 'bold').length"), "markup in a value made no element");
            assertEquals(2L, chromium.js("return document.scripts.length"));
            assertEquals(0L, chromium.js("return document.querySelectorAll('[onerror],[onload],[onmouseover]').length"));
            assertEquals(0L, chromium.js("return Array.from(document.querySelectorAll('a')).filter("
                    + "a => !a.getAttribute('href').startsWith('#')).length"), "only in-page links");
            String text = (String) chromium.js("return document.body.textContent");
            for (String p : PAYLOADS) {
                assertTrue(text.contains(p), "shown as text: " + p);
            }
            // every section got its data, and the strings made it into each of them as text
            for (String id : List.of("overview", "stories", "findings", "clusters", "attribution")) {
                String section = (String) chromium.js("return document.getElementById(arguments[0]).textContent", id);
                assertTrue(section.contains(PAYLOADS.get(0)) || section.contains(PAYLOADS.get(1))
                        || section.contains(PAYLOADS.get(2)) || section.contains(PAYLOADS.get(3)), id);
            }
            // interacting (paging, filtering by a payload) runs nothing either
            chromium.js("document.querySelector('#findings .controls input').value = arguments[0];"
                    + "document.querySelector('#findings .controls input').dispatchEvent(new Event('input'))", PAYLOADS.get(1));
            Thread.sleep(400);
            assertTrue(((String) chromium.js("return document.getElementById('findings-body').textContent"))
                    .contains(PAYLOADS.get(1)));
            assertEquals(true, chromium.js("return typeof window.__pwned === 'undefined'"));
            assertThrows(NoAlertPresentException.class, () -> chromium.driver().switchTo().alert());
            chromium.screenshot(Path.of("target/screenshots/injection.png"), 6000);
        }
    }
}
