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
import org.dotlink.core.json.FindingJson;

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
     * Where the {@code ,"story":null,} member of each line of the partial {@code findings.jsonl} is, and how long
     * each line is, line after line as they were written ({@link FindingJson#lines(List, int[], int[])}).
     */
    public static final class Lines {
        private int[] storyAt = new int[1024];
        private int[] lengths = new int[1024];
        private int count;

        /** Adds the next {@code n} lines. */
        public void add(int[] storyAt, int[] lengths, int n) {
            if (count + n > this.storyAt.length) {
                int size = Math.max(count + n, this.storyAt.length * 2);
                this.storyAt = Arrays.copyOf(this.storyAt, size);
                this.lengths = Arrays.copyOf(this.lengths, size);
            }
            System.arraycopy(storyAt, 0, this.storyAt, count, n);
            System.arraycopy(lengths, 0, this.lengths, count, n);
            count += n;
        }
    }

    /**
     * Copies {@code partial} to {@code out}, giving line i the id of story {@code storyOf[i]}: where each line's
     * {@code ,"story":null,} is and how long the line is were kept as it was written ({@code lines}), so the
     * copy reads no line through, it checks the member is there and the line ends with its newline.
     */
    public static void fillStoryIds(Path partial, Path out, Lines lines, int[] storyOf, List<Story> stories)
            throws IOException {
        if (lines.count != storyOf.length) {
            throw new IOException(partial + ": " + lines.count + " lines written for " + storyOf.length + " findings");
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        byte[] pattern = NO_STORY.getBytes(StandardCharsets.US_ASCII);
        byte[][] ids = new byte[stories.size()][];
        try (InputStream in = Files.newInputStream(partial);
             OutputStream w = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            byte[] buf = new byte[1 << 20];
            int start = 0; // the next line's first byte in buf
            int len = 0; // bytes read into buf
            for (int line = 0; line < lines.count; line++) {
                int length = lines.lengths[line];
                if (len - start < length) {
                    System.arraycopy(buf, start, buf, 0, len - start);
                    len -= start;
                    start = 0;
                    if (buf.length < length) {
                        buf = Arrays.copyOf(buf, Math.max(length, buf.length * 2));
                    }
                    while (len < length) {
                        int n = in.read(buf, len, buf.length - len);
                        if (n < 0) {
                            throw new IOException(partial + ": ends inside line " + (line + 1));
                        }
                        len += n;
                    }
                }
                int at = start + lines.storyAt[line];
                int end = start + length;
                if (lines.storyAt[line] < 0 || at + pattern.length >= end || buf[end - 1] != '\n'
                        || !Arrays.equals(buf, at, at + pattern.length, pattern, 0, pattern.length)) {
                    throw new IOException(partial + ": line " + (line + 1) + " is not a finding written by this run");
                }
                int story = storyOf[line];
                if (ids[story] == null) {
                    ids[story] = (",\"story\":\"" + stories.get(story).id() + "\",").getBytes(StandardCharsets.UTF_8);
                }
                w.write(buf, start, at - start);
                w.write(ids[story]);
                w.write(buf, at + pattern.length, end - at - pattern.length);
                start = end;
            }
            if (start < len || in.read() >= 0) {
                throw new IOException(partial + ": holds more than the " + lines.count + " findings written");
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
