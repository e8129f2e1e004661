package org.dotlink.ingest.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import org.dotlink.core.ReadProblem;

/**
 * The content of one entry as handed out: counts the offset reached, computes the CRC-32 when the
 * archive stores one, lets the reader look at the first bytes without consuming them, turns a read
 * failure into a reported problem plus end of stream (as a truncated file), and refuses reads once the
 * archive has moved on to the next entry.
 */
final class MemberStream extends InputStream {

    private final InputStream in;
    private final String source;
    private final ArchiveReader owner;
    private final CRC32 crc;
    private byte[] head = new byte[0];
    private int headPos;
    private int headLen;
    /** Bytes taken from {@code in}. */
    private long offset;
    private boolean atEnd;
    private boolean failed;
    private boolean invalid;
    private boolean handedOut;

    MemberStream(InputStream in, String source, ArchiveReader owner, boolean computeCrc) {
        this.in = in;
        this.source = source;
        this.owner = owner;
        this.crc = computeCrc ? new CRC32() : null;
    }

    String source() {
        return source;
    }

    /** Reads up to {@code n} first bytes ahead, which reads then return first; returns the head. */
    byte[] peek(int n) {
        head = new byte[n];
        while (headLen < n && !atEnd && !failed) {
            int r = take(head, headLen, n - headLen);
            if (r > 0) {
                headLen += r;
            }
        }
        return head;
    }

    int headLength() {
        return headLen;
    }

    void handOut() {
        handedOut = true;
    }

    /** After this, reads fail: the archive has moved on. */
    void invalidate() {
        invalid = true;
    }

    boolean failed() {
        return failed;
    }

    /** True when the content was read to its end without failure. */
    boolean complete() {
        return atEnd && !failed && headPos == headLen;
    }

    long offset() {
        return offset;
    }

    long crc() {
        return crc == null ? -1 : crc.getValue();
    }

    /** Reads the rest (so that it can be verified), without handing it to anyone. */
    void drain() {
        headPos = headLen;
        byte[] skip = new byte[16 * 1024];
        while (!atEnd && !failed) {
            take(skip, 0, skip.length);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (invalid) {
            throw new IOException(source + ": the archive has moved on to its next member; this one can no longer be read");
        }
        if (len == 0) {
            return 0;
        }
        if (headPos < headLen) {
            int n = Math.min(len, headLen - headPos);
            System.arraycopy(head, headPos, b, off, n);
            headPos += n;
            if (handedOut) {
                owner.delivered(n);
            }
            return n;
        }
        int n = take(b, off, len);
        if (n > 0 && handedOut) {
            owner.delivered(n);
        }
        return n;
    }

    private int take(byte[] b, int off, int len) {
        if (atEnd || failed) {
            return -1;
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            // RuntimeException too: decoders of damaged data are known to throw unchecked exceptions.
            failed = true;
            owner.problem(ReadProblem.error(source, "uncompressed offset " + Container.hex(offset),
                    "read failed: " + describe(e) + "; the rest of this member is lost (" + offset
                            + " bytes were read)"));
            return -1;
        }
        if (n < 0) {
            atEnd = true;
            return -1;
        }
        if (crc != null) {
            crc.update(b, off, n);
        }
        offset += n;
        return n;
    }

    @Override
    public int available() {
        int buffered = headLen - headPos;
        if (invalid || atEnd || failed) {
            return buffered;
        }
        try {
            return buffered + Math.max(0, in.available());
        } catch (IOException | RuntimeException e) {
            return buffered;
        }
    }

    /** Nothing to release: the archive owns the data, and moves past it on its next member. */
    @Override
    public void close() {}

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
