package org.dotlink.ingest.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dotlink.core.ReadProblem;

/**
 * Cuts a top-level array, or objects one after another, into blocks of whole records on the pulling
 * thread, so that tasks parse the records in parallel as they do NDJSON lines. Finding where a record
 * ends needs no parsing: a scan that tracks strings (and their escapes) and the nesting of braces and
 * brackets is enough, and runs several times faster than parsing. Records are the values at the top
 * level, or the elements of a top-level array.
 *
 * <p>Damage stays local where the layout allows: a JSON string cannot hold a raw line feed, so a line
 * feed ends a broken string; and when records are pretty-printed (each one's first brace the first
 * thing on its line, at the same column as the first record's), a brace at that column on a new line
 * while a record is still open starts a new record, and the open one is handed over as it is, for its
 * parser to report. A record larger than the limit is reported and skipped.
 */
final class RecordBlocks {

    private final Input input;
    private final String source;
    private final int blockBytes;
    private final int maxRecordBytes;

    // ---- scanner state ----
    /** Index in {@code input.buf} up to which bytes were scanned. */
    private int scanned;
    private int depth;
    /** 0 between top-level values, 1 inside a top-level array. */
    private int base;
    private long arrayLine;
    private boolean inString;
    private boolean escape;
    private long line = 1;
    private long lineStart;
    private boolean lineHasContent;
    /** The column records start at when pretty-printed; -2 before the first record, -1 when not pretty. */
    private int recordColumn = -2;
    private boolean junk;

    // ---- the open record ----
    private boolean open;
    private boolean skipping;
    private long openStart;
    private long openLine;
    private int openColumn;

    // ---- complete records not yet handed out (absolute offsets) ----
    private long[] starts = new long[256];
    private long[] ends = new long[256];
    private long[] lines = new long[256];
    private int[] columns = new int[256];
    private int count;
    private final List<ReadProblem> problems = new ArrayList<>();
    private boolean done;

    RecordBlocks(Input input, String source, int blockBytes, int maxRecordBytes) {
        this.input = input;
        this.source = source;
        this.blockBytes = blockBytes;
        this.maxRecordBytes = maxRecordBytes;
        this.lineStart = input.offset;
    }

    /** The next block, or null at the end of the input. */
    Block next() {
        if (done) {
            return null;
        }
        while (true) {
            input.fill();
            scan();
            if (input.eof) {
                atEnd();
                done = true;
                return count > 0 || !problems.isEmpty() ? emit() : null;
            }
            // The buffer is full.
            if (count > 0) {
                return emit();
            }
            makeRoom();
        }
    }

    private void scan() {
        byte[] b = input.buf;
        int n = input.len;
        long at = input.offset;
        int i = scanned;
        scan:
        while (i < n) {
            byte c = b[i];
            if (inString) {
                if (escape) {
                    escape = false;
                    if (c != '\n') {
                        i++;
                        continue;
                    }
                } else {
                    // Most bytes are inside strings: find the next one that matters, 8 bytes at a time.
                    while (c != '"' && c != '\\' && c != '\n') {
                        if (i + 8 <= n) {
                            long m = stringStops((long) LONGS.get(b, i));
                            if (m == 0) {
                                i += 8;
                                c = i < n ? b[i] : 0;
                                if (i == n) {
                                    break scan;
                                }
                                continue;
                            }
                            i += Long.numberOfTrailingZeros(m) >>> 3;
                            c = b[i];
                            break;
                        }
                        if (++i == n) {
                            break scan;
                        }
                        c = b[i];
                    }
                    if (c == '\\') {
                        escape = true;
                        i++;
                        continue;
                    }
                }
                inString = false;
                if (c == '\n') {
                    newline(at + i); // a raw line feed cannot be in a string: it is broken, its parser reports it
                }
                i++;
                continue;
            }
            structural(c, at + i);
            i++;
        }
        scanned = n;
    }

    /** A byte outside strings at absolute offset {@code pos}. */
    private void structural(byte c, long pos) {
        if (c == '\n') {
            newline(pos);
            return;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            return;
        }
        boolean firstOnLine = !lineHasContent;
        lineHasContent = true;
        if (depth > base) {
            if (c == '{' && firstOnLine && recordColumn >= 0 && pos - lineStart == recordColumn) {
                close(pos); // the open record never ended: hand it over as it is
                depth = base;
                start(pos, true);
                depth++;
                return;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (--depth == base) {
                        close(pos + 1);
                    }
                }
                default -> { }
            }
            return;
        }
        if (c == '{' || c == '[' && base == 1) {
            start(pos, firstOnLine);
            depth++;
            junk = false;
        } else if (c == '[') {
            base = 1;
            depth = 1;
            arrayLine = line;
            junk = false;
        } else if (c == ']' && base == 1) {
            base = 0;
            depth = 0;
            junk = false;
        } else if (c == ',' && base == 1) {
            junk = false;
        } else if (!junk) {
            junk = true;
            problems.add(ReadProblem.error(source, where(line, pos), "unexpected " + show(c)
                    + " between records, expected " + (base == 1 ? "'{', ',' or ']'" : "'{'")
                    + "; skipped up to the next record"));
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * A mask with the high bit set in (at least) the first byte of {@code word} (little-endian) that is
     * '"', '\\' or a line feed, and nothing below it; 0 when there is none. The classic "has a zero
     * byte" test on {@code word} XOR each byte; bits above the first match may be spurious.
     */
    private static long stringStops(long word) {
        long q = word ^ ('"' * ONES);
        long s = word ^ ('\\' * ONES);
        long l = word ^ ('\n' * ONES);
        return ((q - ONES) & ~q | (s - ONES) & ~s | (l - ONES) & ~l) & HIGHS;
    }

    private void newline(long at) {
        line++;
        lineStart = at + 1;
        lineHasContent = false;
    }

    private void start(long at, boolean firstOnLine) {
        open = true;
        skipping = false;
        openStart = at;
        openLine = line;
        openColumn = (int) Math.min(Integer.MAX_VALUE, at - lineStart);
        if (recordColumn == -2) {
            recordColumn = firstOnLine ? openColumn : -1;
        }
    }

    private void close(long end) {
        if (!skipping) {
            if (count == starts.length) {
                int size = count * 2;
                starts = Arrays.copyOf(starts, size);
                ends = Arrays.copyOf(ends, size);
                lines = Arrays.copyOf(lines, size);
                columns = Arrays.copyOf(columns, size);
            }
            starts[count] = openStart;
            ends[count] = end;
            lines[count] = openLine;
            columns[count] = openColumn;
            count++;
        }
        open = false;
        skipping = false;
    }

    /** The buffer is full and holds no complete record: drop what is done with, or grow, or skip. */
    private void makeRoom() {
        if (!open || skipping) {
            drop(input.len);
            return;
        }
        int from = (int) (openStart - input.offset);
        if (from > 0) {
            drop(from);
        } else if (input.buf.length < maxRecordBytes) {
            input.grow(maxRecordBytes);
        } else {
            problems.add(ReadProblem.error(source, where(openLine, openStart), "record is larger than "
                    + maxRecordBytes + " bytes, the most one record may take; it is skipped"));
            skipping = true;
            drop(input.len);
        }
    }

    private void drop(int n) {
        input.discard(n);
        scanned -= n;
    }

    private void atEnd() {
        if (open && !skipping) {
            problems.add(ReadProblem.error(source, where(openLine, openStart), "the input ends inside this record"
                    + (inString ? " (in a string)" : "") + ", " + (depth - base) + " level(s) deep; the record is lost"));
        }
        open = false;
        if (base == 1) {
            problems.add(ReadProblem.warning(source, "line " + arrayLine, "the input ends before the closing ']' of"
                    + " the array that starts here (truncated?); the records before the end were read"));
        }
    }

    /** Hands over the complete records, carrying the open one's bytes to the next block. */
    private Block emit() {
        int cut = open && !skipping ? (int) (openStart - input.offset) : input.len;
        long base0 = input.offset;
        int[] s = new int[count];
        int[] e = new int[count];
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            s[i] = (int) (starts[i] - base0);
            e[i] = (int) (ends[i] - base0);
            offsets[i] = starts[i];
        }
        Block block = new Block(input.take(cut, input.eof ? 0 : blockBytes), cut, 0, count, s, e, Arrays.copyOf(lines, count),
                Arrays.copyOf(columns, count), offsets, List.copyOf(problems));
        scanned -= cut;
        count = 0;
        problems.clear();
        return block;
    }

    /** Where a record or problem is: its line, and its byte offset (lines alone say little on one-line arrays). */
    static String where(long line, long offset) {
        return "line " + line + " (byte " + offset + ")";
    }

    private static String show(byte c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c & 0xff);
    }
}
