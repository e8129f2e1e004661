package org.dotlink.cli.hunt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Story;

/**
 * Writes what story building gave: {@code stories.json} (schema in docs/OUTPUTS.md) and the story id of
 * each finding into {@code findings.jsonl}, which is written first with {@code "story":null} and
 * rewritten line by line once stories are known.
 */
public final class StoryOutput {

    private static final String NO_STORY = ",\"story\":null,";

    private StoryOutput() {}

    public static void writeStories(Path file, List<Story> stories, long findings) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("findings", findings);
        doc.put("stories_total", stories.size());
        doc.put("stories", stories);
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    /**
     * Copies {@code partial} to {@code out}, giving line i the id of story {@code storyOf[i]}. The writer
     * puts {@code "story":null} before the event's fields, and any quote inside a JSON string is escaped,
     * so the first {@code ,"story":null,} of a line is the finding's own.
     */
    public static void fillStoryIds(Path partial, Path out, int[] storyOf, List<Story> stories) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (BufferedReader in = Files.newBufferedReader(partial, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            String line;
            int i = 0;
            while ((line = in.readLine()) != null) {
                int at = line.indexOf(NO_STORY);
                if (at < 0 || i >= storyOf.length) {
                    throw new IOException(partial + ": line " + (i + 1) + " is not a finding written by this run");
                }
                w.write(line, 0, at);
                w.write(",\"story\":\"");
                w.write(stories.get(storyOf[i]).id());
                w.write("\",");
                w.write(line, at + NO_STORY.length(), line.length() - at - NO_STORY.length());
                w.write('\n');
                i++;
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(partial);
    }

    /** The top stories, one line each, for the terminal summary. */
    public static void print(PrintWriter out, List<Story> stories, long findings, int top) {
        out.printf("Stories: %,d from %,d findings%n", stories.size(), findings);
        for (Story s : stories.subList(0, Math.min(top, stories.size()))) {
            out.printf("  %s  score %6.1f  %3d findings  %s  %s .. %s  %s%n", s.id(), s.score(), s.findings().size(),
                    String.join(",", s.hosts()), s.firstSeen(), s.lastSeen(), String.join(" > ", s.tactics()));
        }
        out.flush();
    }
}
