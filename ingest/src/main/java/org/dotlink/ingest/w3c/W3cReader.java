package org.dotlink.ingest.w3c;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.ReadTasks;

/**
 * Reads a W3C extended log file (as IIS writes them) as a stream of parse tasks, one per block of
 * lines. The caller pulls tasks in file order on one thread, which reads the stream sequentially
 * and splits it into lines (it never closes the stream); running a task, on any thread, parses its
 * block into events in line order. Memory is one block per task in flight, whatever the file size.
 *
 * <h2>The format</h2>
 * Lines starting with {@code #} are directives. {@code #Fields:} names the values of the data lines
 * that follow, separated by spaces; a file may hold several header blocks ({@code #Software},
 * {@code #Version}, {@code #Date}, {@code #Fields}: IIS writes one each time the site starts) and the
 * field list may change at each. Other directives and comments are skipped; {@code #Date:} supplies
 * the date for field lists without a {@code date} field. Data lines hold one value per field,
 * separated by single spaces; {@code -} (or nothing) means the field is absent. IIS writes spaces
 * inside values as {@code +} ({@code Mozilla/5.0+(Windows+NT+10.0)}); values are kept exactly as
 * logged, {@code +} included, because that is the form Sigma's webserver rules are written against
 * ({@code '=cmd+/c+'}, {@code 'Mozilla/5.0+(compatible;+Bingbot/2.0;...'}), and because a {@code +}
 * the client sent cannot be told apart from one IIS wrote for a space. Lines end with LF or CRLF; a
 * UTF-8 byte order mark at the start is skipped; values are UTF-8, or Windows-1252 on a line that is
 * not valid UTF-8.
 *
 * <h2>The events</h2>
 * One event per data line, {@link org.dotlink.core.Event#offset()} its line number (1-based), with:
 * <ul>
 *   <li>{@code TimeCreated_SystemTime}: {@code date} and {@code time} (UTC) as ISO-8601 with 7
 *       fractional digits, {@code 2019-09-03T10:13:36.0000000Z}, like the EVTX reader's; without a
 *       {@code date} field, the date of the last {@code #Date:} directive;</li>
 *   <li>{@code Channel}: {@link #CHANNEL};</li>
 *   <li>{@code Computer}: {@code s-computername} when logged, else {@code s-ip};</li>
 *   <li>every present value under its name as the {@code #Fields} line writes it ({@code date},
 *       {@code time}, {@code s-ip}, {@code cs-method}, {@code cs-uri-stem}, {@code cs-uri-query},
 *       {@code s-port}, {@code cs-username}, {@code c-ip}, {@code cs(User-Agent)}, {@code sc-status},
 *       {@code sc-substatus}, {@code sc-win32-status}, {@code time-taken}, ...: these are also Sigma's
 *       {@code webserver} field names);</li>
 *   <li>header fields written {@code prefix(Header)} also under Sigma's taxonomy name, the prefix, a
 *       hyphen and the header in lower case: {@code cs(User-Agent)} as {@code cs-user-agent},
 *       {@code cs(Referer)} as {@code cs-referer}, {@code cs(Cookie)} as {@code cs-cookie} (unless
 *       the field list names that field itself).</li>
 * </ul>
 *
 * <h2>Problems</h2>
 * Each with its line number, and the rest of the file is read: a data line before any
 * {@code #Fields} (error); a data line whose value count differs from the field count (error, the
 * line is not read); a line longer than {@link #MAX_LINE_BYTES} (error); date/time values that are
 * not a valid time (warning, the event is read without {@code TimeCreated_SystemTime}); a field list
 * without {@code time}, or without {@code date} and {@code #Date} (warning at the {@code #Fields}
 * line); NUL bytes at the start of a line, the zero-filled space a crash leaves in IIS logs
 * (warning); a comma-separated field list, as Exchange's own CSV logs have (one error per run of
 * data lines, which are not read).
 */
public final class W3cReader extends ReadTasks {

    /**
     * The {@code Channel} of every event of a W3C log. A constant, so that rule indexing can map
     * Sigma's {@code category: webserver} to it; named after the format, not the server, because
     * the reader knows only the format (IIS and Exchange's IIS front end are the usual writers).
     */
    public static final String CHANNEL = "W3C";

    /** Bytes from the start of a file that {@link #looksLikeW3c} needs to recognise the longest directive. */
    public static final int SNIFF_BYTES = 16;

    /** A block ends after this many lines... */
    static final int BLOCK_LINES = 4096;
    /** ... or after the line that reaches this many bytes. */
    static final int BLOCK_BYTES = 1 << 20;
    /** Longer lines are reported and skipped, so that memory stays bounded on a file without line ends. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    private static final String[] DIRECTIVES = {"#Software:", "#Version:", "#Fields:", "#Date:", "#Start-Date:",
        "#End-Date:", "#Remark:"};

    private final InputStream in;
    private final String source;
    private final int blockLines;
    private final int blockBytes;
    private final int maxLineBytes;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int len;
    /** Lines read so far; the next line's number is one more. */
    private long lineNumber;
    /** The field list in effect at the next line, or null before the first {@code #Fields}. */
    private W3cFields fields;
    /** The date of the last {@code #Date:} directive, or null. */
    private String directiveDate;

    /**
     * @param in     the file's bytes from its start, read sequentially on the thread that pulls tasks;
     *               never closed here
     * @param source the input path as given (plus {@code #member} inside an archive), for events and problems
     */
    public W3cReader(InputStream in, String source) {
        this(in, source, BLOCK_LINES, BLOCK_BYTES, MAX_LINE_BYTES);
    }

    /** With other block limits: for tests of block boundaries. */
    W3cReader(InputStream in, String source, int blockLines, int blockBytes, int maxLineBytes) {
        if (blockLines < 1 || blockBytes < 1 || maxLineBytes < 1) {
            throw new IllegalArgumentException("block and line limits must be positive");
        }
        this.in = in;
        this.source = source;
        this.blockLines = blockLines;
        this.blockBytes = blockBytes;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * True when {@code head} (the first {@code length} bytes of a file, {@link #SNIFF_BYTES} are
     * enough) starts, after an optional UTF-8 byte order mark, with a W3C directive:
     * {@code #Software:}, {@code #Version:}, {@code #Fields:}, {@code #Date:}, {@code #Start-Date:},
     * {@code #End-Date:} or {@code #Remark:} (names in any case). IIS starts every log file with
     * {@code #Software:}.
     */
    public static boolean looksLikeW3c(byte[] head, int length) {
        int n = Math.min(length, head.length);
        int at = startsWith(head, 0, n, BOM) ? BOM.length : 0;
        for (String d : DIRECTIVES) {
            if (n - at >= d.length() && d.equalsIgnoreCase(new String(head, at, d.length(), StandardCharsets.ISO_8859_1))) {
                return true;
            }
        }
        return false;
    }

    /** Reads the next block of lines; null at the end of the file. */
    @Override
    protected Callable<EventBatch> advance() {
        W3cBlock block = new W3cBlock(source, fields, lineNumber + 1, blockLines,
                Math.min(blockBytes, 256 * 1024) + 1024);
        try {
            while (block.lines < blockLines && block.size < blockBytes) {
                if (!readLine(block)) {
                    finish();
                    break;
                }
            }
        } catch (IOException e) {
            finish();
            block.note(null, ReadProblem.error(source, "line " + (lineNumber + 1), "read failed: " + e.getMessage()
                    + "; the rest of the file is not read"));
        }
        if (block.lines == 0 && block.notes.isEmpty()) {
            return null;
        }
        return block;
    }

    /**
     * Reads one line into the block (without its LF or CRLF) and handles it when it is a directive;
     * false at the end of the file with nothing read.
     */
    private boolean readLine(W3cBlock block) throws IOException {
        int lineStart = block.size;
        long nuls = 0;
        long length = 0;
        boolean any = false;
        boolean atStart = true;
        while (true) {
            if (pos == len && !refill()) {
                break;
            }
            any = true;
            if (atStart) {
                while (pos < len && buf[pos] == 0) {
                    pos++;
                    nuls++;
                }
                if (pos == len) {
                    continue;
                }
                atStart = false;
            }
            int nl = pos;
            while (nl < len && buf[nl] != '\n') {
                nl++;
            }
            int n = nl - pos;
            if (length + n <= maxLineBytes) {
                block.append(buf, pos, n);
            } else if (length <= maxLineBytes) {
                block.size = lineStart; // too long: drop what was kept, skip to the line end
            }
            length += n;
            if (nl < len) {
                pos = nl + 1;
                break;
            }
            pos = len;
        }
        if (!any) {
            return false;
        }
        lineNumber++;
        String where = "line " + lineNumber;
        if (nuls > 0) {
            block.note(null, ReadProblem.warning(source, where, nuls + " NUL bytes at the start of the line skipped"
                    + " (zero-filled space, as a crash or power loss leaves in an IIS log)"));
        }
        if (length > maxLineBytes) {
            block.note(null, ReadProblem.error(source, where, "line of " + length + " bytes is longer than the "
                    + maxLineBytes + "-byte limit; line not read"));
            block.addLine(lineStart, lineStart);
            return true;
        }
        int from = lineStart;
        int to = block.size;
        if (lineNumber == 1 && startsWith(block.data, from, to, BOM)) {
            from += BOM.length;
        }
        if (to > from && block.data[to - 1] == '\r') {
            to--;
        }
        if (to > from && block.data[from] == '#') {
            directive(block, new String(block.data, from, to - from, StandardCharsets.UTF_8), where);
        }
        block.addLine(from, to);
        return true;
    }

    /** Handles a directive line: a new field list, a date, a time format; others are skipped. */
    private void directive(W3cBlock block, String line, String where) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return; // a plain comment
        }
        String name = line.substring(1, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        switch (name) {
            case "fields" -> {
                fields = W3cFields.parse(value, lineNumber, directiveDate);
                ReadProblem p = null;
                if (fields.noTime != null) {
                    p = ReadProblem.warning(source, where, fields.noTime + "; the events of the lines that follow"
                            + " get no TimeCreated_SystemTime");
                }
                block.note(fields, p);
            }
            case "date" -> {
                // IIS writes "2019-09-03 10:04:35"; Exchange's logs "2021-03-04T06:40:12.345Z"
                String date = value.length() > 10 && (value.charAt(10) == ' ' || value.charAt(10) == 'T')
                        ? value.substring(0, 10) : value;
                if (!W3cTime.isDate(date)) {
                    block.note(null, ReadProblem.warning(source, where, "#Date directive \"" + value
                            + "\" does not start with a yyyy-MM-dd date; ignored"));
                    return;
                }
                directiveDate = date;
                if (fields != null && fields.date < 0) {
                    fields = fields.withDirectiveDate(date);
                    block.note(fields, null);
                }
            }
            case "time format" -> {
                if (value.equalsIgnoreCase("local")) {
                    block.note(null, ReadProblem.warning(source, where, "this log writes local times (#Time Format:"
                            + " Local), not UTC; TimeCreated_SystemTime takes them as UTC"));
                }
            }
            default -> {
                // #Software, #Version, #Remark, #Start-Date, #End-Date and comments: nothing to do
            }
        }
    }

    private boolean refill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        pos = 0;
        len = Math.max(n, 0);
        return n > 0;
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads and parses every block on the calling thread; for tests and small files. */
    public static List<EventBatch> readAll(InputStream in, String source) {
        return drain(new W3cReader(in, source));
    }

    static List<EventBatch> drain(W3cReader reader) {
        return reader.runAll();
    }
}
