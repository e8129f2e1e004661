package org.dotlink.cli.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void eachLineGetsItsStoryIdWhateverItHoldsAndHowLongItIs() throws IOException {
        String big = "x".repeat(3 << 20); // longer than the copy buffer
        List<String> lines = List.of(
                "{\"rule_id\":\"a\",\"story\":null,\"fields\":{\"CommandLine\":\"echo \\\",\\\"story\\\":null,\\\" é漢\"}}",
                "{\"rule_id\":\"b\",\"story\":null,\"fields\":{\"Data\":\"" + big + "\"}}",
                "{\"rule_id\":\"c\",\"story\":null,\"fields\":{}}");
        Path partial = dir.resolve("findings.jsonl.partial");
        Files.writeString(partial, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("findings.jsonl");
        StoryOutput.fillStoryIds(partial, out, new int[] {1, 0, 1}, List.of(story("story-0001"), story("story-0002")));
        List<String> written = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(List.of(
                "{\"rule_id\":\"a\",\"story\":\"story-0002\",\"fields\":{\"CommandLine\":\"echo \\\",\\\"story\\\":null,\\\" é漢\"}}",
                "{\"rule_id\":\"b\",\"story\":\"story-0001\",\"fields\":{\"Data\":\"" + big + "\"}}",
                "{\"rule_id\":\"c\",\"story\":\"story-0002\",\"fields\":{}}"), written);
        assertFalse(Files.exists(partial));
    }

    @Test
    void aLineThatIsNotAFindingOfThisRunIsNamed() throws IOException {
        Path partial = dir.resolve("findings.jsonl.partial");
        Files.writeString(partial, "{\"a\":0,\"story\":null,\"x\":1}\n{\"x\":2}\n");
        IOException e = assertThrows(IOException.class, () -> StoryOutput.fillStoryIds(partial, dir.resolve("f.jsonl"),
                new int[] {0, 0}, List.of(story("story-0001"))));
        assertTrue(e.getMessage().endsWith("line 2 is not a finding written by this run"), e.getMessage());
    }
}
