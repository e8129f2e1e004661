package org.dotlink.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dotlink.core.Event;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.ReadTasks;

/**
 * Reads Windows events exported as JSON: NXLog/Logstash flat records, Winlogbeat (ECS and 6.x) and
 * evtx_dump, in any {@link JsonLayout}; the shape of each record and the layout of the file are
 * recognised from the content (mappings in {@link JsonShapes}).
 *
 * <p>Like the EVTX reader, this hands out parse tasks: pulling them (on one thread) reads the input
 * sequentially and cuts it into blocks of whole records, about 1 MiB each (NDJSON: whole lines;
 * arrays and concatenated objects: whole records, found by a string-aware scan of the nesting, see
 * {@link RecordBlocks}); running a task (on any thread) parses its block with Jackson's streaming
 * parser straight into events, in input order. Memory is the blocks in flight, whatever the input size.
 *
 * <p>Nothing is lost silently: a line or record that is not valid JSON, or not an object, is reported
 * with its line (and byte offset, for arrays and concatenated objects) and the rest is read.
 * {@link Event#offset()} is the line number for NDJSON, and the byte offset of the record's first byte
 * otherwise (an array may sit on one line).
 */
public final class JsonEventReader extends ReadTasks {

    /** Bytes per task, about. */
    static final int BLOCK_BYTES = 1 << 20;
    /** The most one record (line) may take; a larger one is reported and skipped. */
    static final int MAX_RECORD_BYTES = 64 << 20;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            // Some exporters write tabs or carriage returns into strings unescaped: keep them.
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_RECORD_BYTES).build())
            .build();
    private static final ThreadLocal<RecordMapper> MAPPERS = ThreadLocal.withInitial(RecordMapper::new);

    private final String source;
    private final Input input;
    private final int blockBytes;
    private final int maxRecordBytes;
    private JsonLayout layout;
    private LineBlocks lineBlocks;
    private RecordBlocks recordBlocks;
    private boolean started;
    /** The input holds no records at all (empty or blank). */
    private boolean empty;

    /** @param in the file's bytes from its start; read sequentially, never closed here */
    public JsonEventReader(InputStream in, String source) {
        this(in, source, BLOCK_BYTES, MAX_RECORD_BYTES);
    }

    JsonEventReader(InputStream in, String source, int blockBytes, int maxRecordBytes) {
        this.source = source;
        this.input = new Input(in, blockBytes);
        this.blockBytes = blockBytes;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * True when {@code head} starts like JSON text of records: after an optional UTF-8 byte order mark
     * and whitespace, '{' followed by '"' or '}', or '[' followed by '{' or ']' (whitespace allowed
     * between; when {@code head} ends before the second character, the first decides). This is syntax
     * only: any JSON object file passes, so a caller that has more than a few bytes may want to look
     * for event keys too (see the open questions in the hand-over notes).
     */
    public static boolean looksLikeJson(byte[] head, int length) {
        int n = Math.min(length, head.length);
        int i = JsonLayout.skipBlank(head, JsonLayout.skipBom(head, n), n);
        if (i >= n || head[i] != '{' && head[i] != '[') {
            return false;
        }
        byte first = head[i];
        int j = JsonLayout.skipBlank(head, i + 1, n);
        if (j >= n) {
            return true;
        }
        return first == '{' ? head[j] == '"' || head[j] == '}' : head[j] == '{' || head[j] == ']';
    }

    /** The layout recognised, once the first task was pulled; null before, or when the input is not JSON. */
    public JsonLayout layout() {
        return layout;
    }

    @Override
    protected Callable<EventBatch> advance() {
        if (!started) {
            started = true;
            Callable<EventBatch> failed = start();
            if (failed != null || empty) {
                finish();
                return failed != null ? failed : readFailure();
            }
        }
        Block block = lineBlocks != null ? lineBlocks.next() : recordBlocks.next();
        if (block == null) {
            return readFailure();
        }
        String src = source;
        return () -> parse(block, src);
    }

    /** After the last block: the read failure that ended the input early, if any. */
    private Callable<EventBatch> readFailure() {
        finish();
        if (input.failure == null) {
            return null;
        }
        ReadProblem p = ReadProblem.error(source, "byte " + input.failedAt, "read failed: "
                + input.failure.getMessage() + "; the input is read up to here");
        return () -> EventBatch.of(p);
    }

    /** Reads the first block and recognises the layout; a task reporting that this is not JSON, else null. */
    private Callable<EventBatch> start() {
        input.fill();
        while (!input.eof && input.buf.length < maxRecordBytes && !JsonLayout.decided(input.buf, input.len)) {
            input.grow(maxRecordBytes); // the first line or record is longer than a block: look further
            input.fill();
        }
        int bom = JsonLayout.skipBom(input.buf, input.len);
        layout = JsonLayout.detect(input.buf, input.len);
        if (layout == null) {
            int i = JsonLayout.skipBlank(input.buf, bom, input.len);
            if (i >= input.len) {
                empty = true; // empty or blank: no records, nothing wrong
                return null;
            }
            ReadProblem p = ReadProblem.error(source, "line " + line(input.buf, i) + " (byte " + i + ")",
                    "not JSON: expected '{' or '[' as the first character, found " + describe(input.buf[i]));
            return () -> EventBatch.of(p);
        }
        if (bom > 0) {
            input.discard(bom);
        }
        if (layout == JsonLayout.NDJSON) {
            lineBlocks = new LineBlocks(input, source, blockBytes, maxRecordBytes);
        } else {
            recordBlocks = new RecordBlocks(input, source, blockBytes, maxRecordBytes);
        }
        return null;
    }

    // ---- parsing (in tasks) ------------------------------------------------------------------------

    private static EventBatch parse(Block block, String source) {
        RecordMapper mapper = MAPPERS.get();
        Event.Builder builder = Event.builder(source);
        List<Event> events = new ArrayList<>(block.isLines() ? 512 : block.count());
        List<ReadProblem> problems = new ArrayList<>(block.problems());
        byte[] b = block.bytes();
        if (block.isLines()) {
            int end = block.length();
            long line = block.firstLine();
            int from = 0;
            while (from < end) {
                int to = from;
                while (to < end && b[to] != '\n') {
                    to++;
                }
                if (!blank(b, from, to)) {
                    record(b, from, to - from, line, 0, line, "line " + line, true, source, mapper, builder, events,
                            problems);
                }
                from = to + 1;
                line++;
            }
        } else {
            for (int i = 0; i < block.count(); i++) {
                long offset = block.offsets()[i];
                record(b, block.starts()[i], block.ends()[i] - block.starts()[i], block.lines()[i],
                        block.columns()[i], offset, RecordBlocks.where(block.lines()[i], offset), false, source,
                        mapper, builder, events, problems);
            }
        }
        return new EventBatch(events, problems);
    }

    /**
     * Parses one line or record: every top-level object in it is an event (a top-level array gives its
     * elements); anything else, or broken JSON, is reported, and what came before it in the same line
     * is kept.
     */
    private static void record(byte[] b, int from, int length, long line, int column, long eventOffset,
            String where, boolean isLine, String source, RecordMapper mapper, Event.Builder builder,
            List<Event> events, List<ReadProblem> problems) {
        try (JsonParser p = FACTORY.createParser(b, from, length)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT) {
                    events.add(mapper.map(p, builder, eventOffset));
                } else if (t == JsonToken.START_ARRAY) {
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t == JsonToken.START_OBJECT) {
                            events.add(mapper.map(p, builder, eventOffset));
                        } else if (t == null) {
                            throw new IOException("the input ends inside an array");
                        } else {
                            problems.add(notAnObject(source, where, t, isLine, "an array element"));
                            p.skipChildren();
                        }
                    }
                } else {
                    problems.add(notAnObject(source, where, t, isLine, isLine ? "the line" : "the record"));
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " at " + position(line, column, at, isLine);
            problems.add(ReadProblem.error(source, where, "not valid JSON" + position + ": " + e.getOriginalMessage()
                    + (isLine ? "; expected one JSON object per line, the line is skipped" : "; the record is lost")));
        } catch (IOException | RuntimeException e) {
            problems.add(ReadProblem.error(source, where, "could not read " + (isLine ? "the line" : "the record")
                    + ": " + e.getMessage()));
        }
    }

    private static String position(long line, int column, JsonLocation at, boolean isLine) {
        int l = at.getLineNr();
        int c = at.getColumnNr();
        if (l <= 1) {
            return (isLine ? "" : "line " + line + ", ") + "column " + (column + Math.max(c, 1));
        }
        return "line " + (line + l - 1) + ", column " + c;
    }

    private static ReadProblem notAnObject(String source, String where, JsonToken t, boolean isLine, String what) {
        return ReadProblem.error(source, where, what + " is " + describe(t) + ", expected a JSON object"
                + (isLine ? " per line" : "") + "; skipped");
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    private static String describe(byte c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c & 0xff);
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static long line(byte[] b, int upTo) {
        long n = 1;
        for (int i = 0; i < upTo; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /**
     * Maps one JSON record (a single object, of any shape {@link JsonShapes} knows) to an event, as the
     * reader maps each line of a file: for drivers that receive records one at a time (a Kafka message).
     * Thread-safe.
     *
     * @param json   the record's UTF-8 bytes: one JSON object, optionally surrounded by whitespace
     * @param source what the event names as its source
     * @param offset what the event gives as its {@link Event#offset()} (a line number, a message offset)
     * @throws IllegalArgumentException when the bytes are not valid JSON, not an object, or more than one
     *                                  value; the message says what was found and where
     */
    public static Event parseRecord(byte[] json, String source, long offset) {
        Event.Builder builder = Event.builder(source);
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("empty record, expected a JSON object");
            }
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the record is " + describe(t) + ", expected a JSON object");
            }
            Event e = MAPPERS.get().map(p, builder, offset);
            if ((t = p.nextToken()) != null) {
                throw new IllegalArgumentException("more than one value in the record: " + describe(t)
                        + " after the object, at column " + p.currentTokenLocation().getColumnNr());
            }
            return e;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("not valid JSON" + (at == null ? "" : " at column " + at.getColumnNr())
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("could not read the record: " + e.getMessage());
        }
    }

    /** {@link #parseRecord(byte[], String, long)} for a record held as text. */
    public static Event parseRecord(String json, String source, long offset) {
        return parseRecord(json.getBytes(StandardCharsets.UTF_8), source, offset);
    }

    /** Reads every task on the calling thread; for tests and small inputs. */
    public static List<EventBatch> readAll(InputStream in, String source) {
        return new JsonEventReader(in, source).runAll();
    }
}
