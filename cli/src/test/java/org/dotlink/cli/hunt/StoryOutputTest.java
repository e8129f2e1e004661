package org.dotlink.cli.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.dotlink.core.Story;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoryOutputTest {

    @TempDir
    Path dir;

    private static Story story(String id) {
        return new Story(id, 1.0, List.of(), List.of(), "", "", List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    private static final String PENDING = ",\"story\":\"" + StoryOutput.PENDING + "\",";

    /** Three findings' lines, their story pending: one holding text like a story member, one of 3 MB. */
    private static List<String> pendingLines(String big) {
        return List.of(
                "{\"rule_id\":\"a\"" + PENDING + "\"fields\":{\"CommandLine\":\"echo \\\",\\\"story\\\":null,\\\" é漢\"}}",
                "{\"rule_id\":\"b\"" + PENDING + "\"fields\":{\"Data\":\"" + big + "\"}}",
                "{\"rule_id\":\"c\"" + PENDING + "\"fields\":{}}");
    }

    @Test
    void eachLineGetsItsStoryIdWhateverItHoldsAndHowLongItIs() throws IOException {
        String big = "x".repeat(3 << 20); // longer than the copy buffer
        assertEquals(List.of(
                "{\"rule_id\":\"a\",\"story\":\"story-0002\",\"fields\":{\"CommandLine\":\"echo \\\",\\\"story\\\":null,\\\" é漢\"}}",
                "{\"rule_id\":\"b\",\"story\":\"story-0001\",\"fields\":{\"Data\":\"" + big + "\"}}",
                "{\"rule_id\":\"c\",\"story\":\"story-0002\",\"fields\":{}}"),
                filled(big, "story-0001", "story-0002"));
    }

    @Test
    void idsWiderThanThePlaceholderAreCopiedIn() throws IOException {
        // past 9,999 stories an id is wider than the placeholder: the lines are copied with the ids put in
        String big = "y".repeat(3 << 20);
        assertEquals(List.of(
                "{\"rule_id\":\"a\",\"story\":\"story-10000\",\"fields\":{\"CommandLine\":\"echo \\\",\\\"story\\\":null,\\\" é漢\"}}",
                "{\"rule_id\":\"b\",\"story\":\"story-9999\",\"fields\":{\"Data\":\"" + big + "\"}}",
                "{\"rule_id\":\"c\",\"story\":\"story-10000\",\"fields\":{}}"),
                filled(big, "story-9999", "story-10000"));
    }

    /**
     * The three pending lines ({@link #pendingLines}) written to a partial file and filled in, line b in story
     * {@code first}, lines a and c in {@code second}; the lines of {@code findings.jsonl}, the partial file gone.
     */
    private List<String> filled(String big, String first, String second) throws IOException {
        List<String> lines = pendingLines(big);
        Path partial = dir.resolve("findings.jsonl.partial");
        Files.writeString(partial, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("findings.jsonl");
        StoryOutput.fillStoryIds(partial, out, layout(lines), new int[] {1, 0, 1}, List.of(story(first), story(second)));
        assertFalse(Files.exists(partial));
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    /** Where each line's story member is and how long it is, as the writer tells it. */
    private static StoryOutput.Lines layout(List<String> lines) {
        int[] storyAt = new int[lines.size()];
        int[] lengths = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.indexOf(PENDING);
            storyAt[i] = at < 0 ? 0 : line.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
            lengths[i] = line.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        StoryOutput.Lines layout = new StoryOutput.Lines();
        layout.add(storyAt, lengths, lines.size());
        return layout;
    }

    /** A story of each width: written over the placeholder, and copied in. */
    private static final List<List<Story>> BOTH_WAYS = List.of(List.of(story("story-0001")), List.of(story("story-12345")));

    @Test
    void aLineThatIsNotAFindingOfThisRunIsNamed() throws IOException {
        for (List<Story> stories : BOTH_WAYS) {
            Path partial = dir.resolve("findings.jsonl.partial");
            List<String> lines = List.of("{\"a\":0" + PENDING + "\"x\":1}", "{\"x\":2}");
            Files.writeString(partial, String.join("\n", lines) + "\n");
            IOException e = assertThrows(IOException.class, () -> StoryOutput.fillStoryIds(partial,
                    dir.resolve("f.jsonl"), layout(lines), new int[] {0, 0}, stories));
            assertTrue(e.getMessage().endsWith("line 2 is not a finding written by this run"), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotAsWrittenIsNamed() throws IOException {
        for (List<Story> stories : BOTH_WAYS) {
            Path partial = dir.resolve("findings.jsonl.partial");
            List<String> lines = List.of("{\"a\":0" + PENDING + "\"x\":1}", "{\"b\":0" + PENDING + "\"x\":1}");
            StoryOutput.Lines layout = layout(lines);
            // shorter than written
            Files.writeString(partial, lines.get(0) + "\n" + lines.get(1));
            IOException shorter = assertThrows(IOException.class, () -> StoryOutput.fillStoryIds(partial,
                    dir.resolve("f.jsonl"), layout, new int[] {0, 0}, stories));
            assertTrue(shorter.getMessage().endsWith("ends inside line 2"), shorter.getMessage());
            // longer than written
            Files.writeString(partial, String.join("\n", lines) + "\n{}\n");
            IOException longer = assertThrows(IOException.class, () -> StoryOutput.fillStoryIds(partial,
                    dir.resolve("f.jsonl"), layout, new int[] {0, 0}, stories));
            assertTrue(longer.getMessage().endsWith("holds more than the 2 findings written"), longer.getMessage());
            // a line moved: its member is not where the writer put it
            Files.writeString(partial, lines.get(0) + "\n{\"b\":0 " + PENDING + "\"x\":}\n");
            IOException moved = assertThrows(IOException.class, () -> StoryOutput.fillStoryIds(partial,
                    dir.resolve("f.jsonl"), layout, new int[] {0, 0}, stories));
            assertTrue(moved.getMessage().endsWith("line 2 is not a finding written by this run"), moved.getMessage());
            // as many lines told as findings
            IOException count = assertThrows(IOException.class, () -> StoryOutput.fillStoryIds(partial,
                    dir.resolve("f.jsonl"), layout, new int[] {0}, stories));
            assertTrue(count.getMessage().endsWith("2 lines written for 1 findings"), count.getMessage());
        }
    }

    /** What stories.json was before it was written by hand: Jackson's pretty printer over the same document. */
    private static byte[] jackson(List<Story> stories, long findings) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("findings", findings);
        doc.put("stories_total", stories.size());
        doc.put("stories", stories);
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(doc);
    }

    @Test
    void storiesJsonIsByteForByteWhatJacksonsPrettyPrinterWrites() throws IOException {
        String odd = "C:\\Temp\\\"x\" \u0000\u0001\u001f\b\f\n\r\t\u007f é ß 漢 \uD83D\uDE00 lone \uD800 \uDFFF end/";
        Story.FindingRef ref = new Story.FindingRef("rule@src#1@0", "2021-03-01T10:00:00.1234567Z", "exch01", "rule",
                odd, "high", "/logs/" + odd + ".evtx", 42);
        Story.FindingRef correlation = new Story.FindingRef("corr@x", null, "dc01", "corr", "Burst", "medium", "", -1);
        Story.Link link = new Story.Link(ref.key(), correlation.key(), "process-tree", odd + " on exch01", "because " + odd);
        List<Story> stories = List.of(
                new Story("story-0001", 709.91, List.of("exch01", "dc01"), List.of("corp\\alice"), ref.time(), null,
                        List.of("execution"), List.of("T1059", "T1059.001"), List.of("S0002"), List.of("ip:1.2.3.4"),
                        List.of(ref, correlation), List.of(link, link)),
                new Story("story-0002", 5.0, List.of(), List.of(), "", "", List.of(), List.of(), List.of(), List.of(),
                        List.of(ref), List.of()),
                new Story("story-0003", 1.0E-4, List.of(odd), List.of(), "", "", List.of(), List.of(), List.of(),
                        List.of(), List.of(), List.of()),
                new Story("story-0004", 123456789.125, List.of(), List.of(), "", "", List.of(), List.of(), List.of(),
                        List.of(), List.of(), List.of()),
                new Story("story-0005", Double.NaN, List.of(), List.of(), "", "", List.of(), List.of(), List.of(),
                        List.of(), List.of(), List.of()));
        for (List<Story> some : List.of(stories, List.<Story>of(), stories.subList(1, 2))) {
            Path file = dir.resolve("stories.json");
            StoryOutput.writeStories(file, some, 203_324);
            byte[] expected = jackson(some, 203_324);
            assertEquals(new String(expected, StandardCharsets.UTF_8), new String(Files.readAllBytes(file),
                    StandardCharsets.UTF_8));
            assertTrue(java.util.Arrays.equals(expected, Files.readAllBytes(file)));
        }
    }

    @Test
    void storiesLongerThanTheWriteBufferAreWrittenWhole() throws IOException {
        String long1 = "é".repeat(70_000) + "x".repeat(70_000);
        List<Story> stories = List.of(new Story("story-0001", 2.5, List.of(long1), List.of(), "", "", List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of()));
        Path file = dir.resolve("stories.json");
        StoryOutput.writeStories(file, stories, 1);
        assertTrue(java.util.Arrays.equals(jackson(stories, 1), Files.readAllBytes(file)));
    }
}
