package org.dotlink.ingest.json;

import java.util.List;
import org.dotlink.core.ReadProblem;

/**
 * Cuts NDJSON into blocks of whole lines on the pulling thread; tasks split the lines and parse them.
 * A line longer than the record limit is reported and skipped, and reading goes on after it.
 */
final class LineBlocks {

    private final Input input;
    private final String source;
    private final int blockBytes;
    private final int maxRecordBytes;
    /** The line number of {@code input.buf[0]}. */
    private long line = 1;

    LineBlocks(Input input, String source, int blockBytes, int maxRecordBytes) {
        this.input = input;
        this.source = source;
        this.blockBytes = blockBytes;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The next block, or null at the end of the input. */
    Block next() {
        while (true) {
            input.fill();
            if (input.len == 0) {
                return null;
            }
            int cut;
            if (input.eof) {
                cut = input.len;
            } else {
                int nl = lastNewline(input.buf, input.len);
                if (nl < 0) {
                    if (input.buf.length < maxRecordBytes) {
                        input.grow(maxRecordBytes);
                        continue;
                    }
                    return skipLongLine();
                }
                cut = nl + 1;
            }
            long first = line;
            line += count(input.buf, cut);
            byte[] bytes = input.take(cut, input.eof ? 0 : blockBytes);
            return Block.lines(bytes, cut, first);
        }
    }

    /** The buffer holds {@code maxRecordBytes} of one line: report it, and drop it through its newline. */
    private Block skipLongLine() {
        ReadProblem p = ReadProblem.error(source, "line " + line, "line is longer than " + maxRecordBytes
                + " bytes, the most one record may take; it is skipped");
        while (true) {
            int nl = firstNewline(input.buf, input.len);
            if (nl >= 0) {
                input.discard(nl + 1);
                break;
            }
            input.discard(input.len);
            input.fill();
            if (input.len == 0) {
                break;
            }
        }
        line++;
        return Block.problems(List.of(p));
    }

    private static int lastNewline(byte[] b, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int firstNewline(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int count(byte[] b, int len) {
        int n = 0;
        for (int i = 0; i < len; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        return n;
    }
}
