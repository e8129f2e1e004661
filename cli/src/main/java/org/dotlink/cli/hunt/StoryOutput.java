package org.dotlink.cli.hunt;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.dotlink.core.Story;
import org.dotlink.core.json.FindingJson;

/**
 * Writes what story building gave: {@code stories.json} (schema in docs/OUTPUTS.md) and the story id of
 * each finding into {@code findings.jsonl}, which is written first with a placeholder ({@link #PENDING}) for
 * each finding's story and completed once stories are known.
 */
public final class StoryOutput {

    /**
     * A finding's story in the partial {@code findings.jsonl}, until stories are built: as wide as the ids of
     * the first 9,999 stories ({@code story-0001}), so that those are written over it where it stands.
     */
    public static final String PENDING = "story-????";
    private static final byte[] PENDING_MEMBER = member(PENDING);
    /** The most of the partial file mapped at once. */
    private static final int WINDOW = 1 << 30;

    private StoryOutput() {}

    /** Writes {@code stories.json}: the findings' count, the stories' count, the stories (see {@link StoriesJson}). */
    public static void writeStories(Path file, List<Story> stories, long findings) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            StoriesJson.write(out, stories, findings);
        }
    }

    /**
     * Where the {@code ,"story":"story-????",} member of each line of the partial {@code findings.jsonl} is, and
     * how long each line is, line after line as they were written
     * ({@link FindingJson#lines(List, String, int[], int[])} with {@link #PENDING}).
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
     * Makes {@code out} from {@code partial}, giving line i the id of story {@code storyOf[i]}. Where each line's
     * story member is and how long the line is were kept as it was written ({@code lines}): no line is read
     * through, the member is checked to be there and the line to end with its newline. When every id is as wide
     * as {@link #PENDING} (at most 9,999 stories), the ids are written over the placeholders in the partial
     * file, which then becomes {@code out}; otherwise the file is copied with the ids put in.
     */
    public static void fillStoryIds(Path partial, Path out, Lines lines, int[] storyOf, List<Story> stories)
            throws IOException {
        if (lines.count != storyOf.length) {
            throw new IOException(partial + ": " + lines.count + " lines written for " + storyOf.length + " findings");
        }
        byte[][] ids = new byte[stories.size()][];
        boolean inPlace = true;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = member(stories.get(i).id());
            inPlace &= ids[i].length == PENDING_MEMBER.length;
        }
        if (inPlace) {
            fillInPlace(partial, lines, storyOf, ids);
            try {
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException renameRefused) {
                // Windows refuses to rename a file while a mapping of it is still open (it closes when the
                // collector frees the buffer): the completed file is copied instead, the partial one left to go
                Files.copy(partial, out, StandardCopyOption.REPLACE_EXISTING);
                partial.toFile().deleteOnExit();
            }
        } else {
            fillCopying(partial, out, lines, storyOf, ids);
        }
    }

    /** {@code ,"story":"ID",} as UTF-8. */
    private static byte[] member(String id) {
        return (",\"story\":\"" + id + "\",").getBytes(StandardCharsets.UTF_8);
    }

    private static IOException notAFinding(Path partial, int line) {
        return new IOException(partial + ": line " + (line + 1) + " is not a finding written by this run");
    }

    /** Writes each line's id over its placeholder, through a mapping of the file. */
    private static void fillInPlace(Path partial, Lines lines, int[] storyOf, byte[][] ids) throws IOException {
        byte[] seen = new byte[PENDING_MEMBER.length];
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            MappedByteBuffer map = null;
            long mapStart = 0;
            long pos = 0; // the line's first byte in the file
            for (int line = 0; line < lines.count; line++) {
                int length = lines.lengths[line];
                if (pos + length > size) {
                    throw new IOException(partial + ": ends inside line " + (line + 1));
                }
                if (map == null || pos + length > mapStart + map.capacity()) {
                    mapStart = pos;
                    map = channel.map(FileChannel.MapMode.READ_WRITE, pos, Math.min(size - pos, Math.max(length, WINDOW)));
                }
                int start = (int) (pos - mapStart);
                int at = start + lines.storyAt[line];
                int end = start + length;
                if (lines.storyAt[line] < 0 || at + seen.length >= end || map.get(end - 1) != '\n') {
                    throw notAFinding(partial, line);
                }
                map.get(at, seen);
                if (!Arrays.equals(seen, PENDING_MEMBER)) {
                    throw notAFinding(partial, line);
                }
                map.put(at, ids[storyOf[line]]);
                pos += length;
            }
            if (pos < size) {
                throw new IOException(partial + ": holds more than the " + lines.count + " findings written");
            }
        }
    }

    /** Copies the file line by line, each line's id in place of its placeholder. */
    private static void fillCopying(Path partial, Path out, Lines lines, int[] storyOf, byte[][] ids)
            throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        byte[] pattern = PENDING_MEMBER;
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
                    throw notAFinding(partial, line);
                }
                w.write(buf, start, at - start);
                w.write(ids[storyOf[line]]);
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
