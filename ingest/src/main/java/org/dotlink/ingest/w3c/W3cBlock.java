package org.dotlink.ingest.w3c;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;

/**
 * A block of consecutive lines of one W3C log, already read (by {@link W3cReader} on the pulling
 * thread), and the task that parses them into events (on any thread). The block knows the field
 * list in effect at its first line and, from the pulling thread, where directives inside it change
 * that list and which problems were found while reading; parsing needs nothing else, so blocks are
 * independent.
 */
final class W3cBlock implements Callable<EventBatch> {

    private static final Charset WINDOWS_1252 = windows1252();

    /** Something the pulling thread found at a line: a new field list from there on, a problem, or both. */
    record Note(int index, W3cFields fields, ReadProblem problem) {}

    private final String source;
    private final W3cFields initial;
    final long firstLine;
    /** The lines' bytes, back to back; line {@code i} is {@code data[start[i] .. end[i])}, without its line end. */
    byte[] data;
    int size;
    int[] start;
    int[] end;
    int lines;
    final List<Note> notes = new ArrayList<>(2);

    W3cBlock(String source, W3cFields initial, long firstLine, int maxLines, int capacity) {
        this.source = source;
        this.initial = initial;
        this.firstLine = firstLine;
        this.data = new byte[capacity];
        this.start = new int[Math.min(maxLines, 256)];
        this.end = new int[start.length];
    }

    /** Appends {@code n} bytes of a line being read. */
    void append(byte[] from, int at, int n) {
        if (size + n > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
        }
        System.arraycopy(from, at, data, size, n);
        size += n;
    }

    /** Records the line whose bytes start at {@code from} and end at {@link #size}. */
    void addLine(int from, int to) {
        if (lines == start.length) {
            start = Arrays.copyOf(start, lines * 2);
            end = Arrays.copyOf(end, lines * 2);
        }
        start[lines] = from;
        end[lines] = to;
        lines++;
    }

    void note(W3cFields fields, ReadProblem problem) {
        notes.add(new Note(lines, fields, problem));
    }

    /** Parses the block: one event per data line, in line order, and the problems in line order. */
    @Override
    public EventBatch call() {
        List<Event> events = new ArrayList<>(lines);
        List<ReadProblem> problems = new ArrayList<>(notes.size());
        Event.Builder builder = Event.builder(source);
        W3cFields fields = initial;
        String[] values = new String[fields == null ? 16 : Math.max(1, fields.names.length)];
        Unreadable skipped = new Unreadable();
        int nextNote = 0;
        for (int i = 0; i < lines; i++) {
            long line = firstLine + i;
            while (nextNote < notes.size() && notes.get(nextNote).index() == i) {
                Note n = notes.get(nextNote++);
                if (n.fields() != null) {
                    skipped.flush(problems);
                    fields = n.fields();
                    if (values.length < fields.names.length) {
                        values = new String[fields.names.length];
                    }
                }
                if (n.problem() != null) {
                    skipped.flush(problems);
                    problems.add(n.problem());
                }
            }
            int s = start[i];
            int e = end[i];
            if (isBlank(data, s, e) || data[s] == '#') {
                continue;
            }
            if (fields == null) {
                problems.add(ReadProblem.error(source, "line " + line, "data line before any #Fields directive;"
                        + " expected a \"#Fields:\" line naming the values first"));
                continue;
            }
            if (fields.unreadable != null) {
                skipped.add(line, fields);
                continue;
            }
            Event event = parseLine(builder, fields, values, line, s, e, problems);
            if (event != null) {
                events.add(event);
            }
        }
        skipped.flush(problems);
        while (nextNote < notes.size()) {
            Note n = notes.get(nextNote++);
            if (n.problem() != null) {
                problems.add(n.problem());
            }
        }
        return new EventBatch(events, problems);
    }

    /** One data line into an event, or null (with a problem) when its value count is wrong. */
    private Event parseLine(Event.Builder b, W3cFields f, String[] values, long line, int s, int e,
            List<ReadProblem> problems) {
        int expected = f.names.length;
        // Split on single spaces; count every value, keep those the field list has room for.
        boolean ascii = true;
        int count = 0;
        int from = s;
        byte[] d = data;
        for (int i = s; i <= e; i++) {
            if (i == e || d[i] == ' ') {
                if (count < expected) {
                    values[count] = span(from, i);
                }
                count++;
                from = i + 1;
            } else if (d[i] < 0) {
                ascii = false;
            }
        }
        if (count != expected) {
            Arrays.fill(values, 0, Math.min(count, expected), null);
            problems.add(ReadProblem.error(source, "line " + line, count + (count == 1 ? " value" : " values")
                    + ", but the #Fields directive on line " + f.line + " names " + expected
                    + (expected == 1 ? " field" : " fields")
                    + " (expected one value per field, separated by single spaces); line not read"));
            return null;
        }
        if (!ascii) {
            decode(values, s, e);
        }
        b.offset(line);
        if (f.noTime == null) {
            String date = f.date >= 0 && values[f.date] != null ? values[f.date] : f.directiveDate;
            String time = values[f.time];
            String iso = date == null || time == null ? null : W3cTime.iso(date, time);
            if (iso != null) {
                b.addInterned(FieldNames.TIME_CREATED, iso);
            } else {
                problems.add(ReadProblem.warning(source, "line " + line, "date and time "
                        + (date == null ? "-" : "\"" + date + "\"") + " " + (time == null ? "-" : "\"" + time + "\"")
                        + " are not a yyyy-MM-dd HH:mm:ss UTC time; event read without " + FieldNames.TIME_CREATED));
            }
        }
        b.addInterned(FieldNames.CHANNEL, W3cReader.CHANNEL);
        String computer = f.computerName >= 0 ? values[f.computerName] : null;
        if (computer == null && f.serverIp >= 0) {
            computer = values[f.serverIp];
        }
        if (computer != null) {
            b.addInterned(FieldNames.COMPUTER, computer);
        }
        for (int i = 0; i < expected; i++) {
            String v = values[i];
            if (v != null) {
                b.addInterned(f.names[i], v);
                if (f.aliases[i] != null) {
                    b.addInterned(f.aliases[i], v);
                }
                values[i] = null;
            }
        }
        return b.build();
    }

    /**
     * The value between {@code from} and {@code to}, read as ASCII/Latin-1 (non-ASCII lines are
     * decoded again by {@link #decode}); null for {@code -} and for an empty value, which mean the
     * field is absent.
     */
    private String span(int from, int to) {
        int n = to - from;
        if (n == 0 || (n == 1 && data[from] == '-')) {
            return null;
        }
        return new String(data, from, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes the values of a line with bytes above 0x7f: as UTF-8 (what IIS writes by default) when
     * the line is valid UTF-8, else as Windows-1252 (IIS with UTF-8 logging turned off writes the
     * system code page; this is the common one), so that no byte is lost to a replacement character
     * without need.
     */
    private void decode(String[] values, int s, int e) {
        Charset cs = validUtf8(data, s, e) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        int from = s;
        int v = 0;
        for (int i = s; i <= e; i++) {
            if (i == e || data[i] == ' ') {
                if (values[v] != null) {
                    values[v] = new String(data, from, i - from, cs);
                }
                v++;
                from = i + 1;
            }
        }
    }

    /** True when {@code b[s..e)} is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
    static boolean validUtf8(byte[] b, int s, int e) {
        int i = s;
        while (i < e) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + n >= e) {
                return false;
            }
            int cp = c & (0x3f >> n);
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return false;
            }
            i += n + 1;
        }
        return true;
    }

    private static boolean isBlank(byte[] d, int s, int e) {
        for (int i = s; i < e; i++) {
            if (d[i] != ' ' && d[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static Charset windows1252() {
        try {
            return Charset.forName("windows-1252");
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /**
     * Consecutive data lines under a field list that cannot be read (no fields, or comma-separated):
     * reported as one problem per run, not one per line, so that a whole file of another format
     * gives one clear message.
     */
    private final class Unreadable {
        private long first = -1;
        private long last;
        private int count;
        private W3cFields fields;

        void add(long line, W3cFields f) {
            if (first < 0) {
                first = line;
                fields = f;
            }
            last = line;
            count++;
        }

        void flush(List<ReadProblem> problems) {
            if (first < 0) {
                return;
            }
            String where = first == last ? "line " + first : "lines " + first + "-" + last;
            problems.add(ReadProblem.error(source, where, count + (count == 1 ? " data line" : " data lines")
                    + " not read: " + fields.unreadable));
            first = -1;
            count = 0;
        }
    }
}
