package org.dotlink.cli.hunt;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.dotlink.core.Story;

/**
 * Writes what story building gave: {@code stories.json} (schema in docs/OUTPUTS.md) and the story id of
 * each finding into {@code findings.jsonl}, which is written first with {@code "story":null} and
 * rewritten line by line once stories are known.
 */
public final class StoryOutput {

    private static final String NO_STORY = ",\"story\":null,";

    private StoryOutput() {}

    /** Writes {@code stories.json}: the findings' count, the stories' count, the stories (see {@link StoriesJson}). */
    public static void writeStories(Path file, List<Story> stories, long findings) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            StoriesJson.write(out, stories, findings);
        }
    }

    /**
     * Copies {@code partial} to {@code out}, giving line i the id of story {@code storyOf[i]}. The writer
     * puts {@code "story":null} before the event's fields, and any quote inside a JSON string is escaped,
     * so the first {@code ,"story":null,} of a line is the finding's own. Works on bytes (the pattern and
     * the ids are ASCII, and UTF-8 never puts an ASCII byte inside another character), without decoding
     * the lines.
     */
    public static void fillStoryIds(Path partial, Path out, int[] storyOf, List<Story> stories) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        byte[] pattern = NO_STORY.getBytes(StandardCharsets.US_ASCII);
        byte[][] ids = new byte[stories.size()][];
        try (InputStream in = Files.newInputStream(partial);
             OutputStream w = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            byte[] buf = new byte[1 << 20];
            int len = 0;
            int line = 0;
            boolean eof = false;
            while (!eof || len > 0) {
                if (!eof) {
                    if (len == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    int n = in.read(buf, len, buf.length - len);
                    if (n < 0) {
                        eof = true;
                    } else {
                        len += n;
                    }
                }
                int start = 0;
                while (start < len) {
                    int end = indexOf(buf, start, len, (byte) '\n');
                    if (end < 0) {
                        if (!eof) {
                            break;
                        }
                        end = len; // a last line without its newline
                    }
                    int at = indexOf(buf, start, end, pattern);
                    if (at < 0 || line >= storyOf.length) {
                        throw new IOException(partial + ": line " + (line + 1) + " is not a finding written by this run");
                    }
                    int story = storyOf[line];
                    if (ids[story] == null) {
                        ids[story] = (",\"story\":\"" + stories.get(story).id() + "\",").getBytes(StandardCharsets.UTF_8);
                    }
                    w.write(buf, start, at - start);
                    w.write(ids[story]);
                    w.write(buf, at + pattern.length, end - at - pattern.length);
                    w.write('\n');
                    line++;
                    start = end + 1;
                }
                if (start >= len) {
                    len = 0;
                } else {
                    System.arraycopy(buf, start, buf, 0, len - start);
                    len -= start;
                }
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(partial);
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] buf, int from, int to, byte[] pattern) {
        byte first = pattern[0];
        for (int i = from; i <= to - pattern.length; i++) {
            if (buf[i] == first && Arrays.equals(buf, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
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
