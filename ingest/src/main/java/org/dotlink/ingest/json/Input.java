package org.dotlink.ingest.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The bytes read so far and not yet handed to a task: {@code buf[0, len)}, which start at byte
 * {@code offset} of the input. Used on the pulling thread only; the stream is read sequentially and
 * never closed here.
 */
final class Input {

    private final InputStream in;
    byte[] buf;
    int len;
    long offset;
    boolean eof;
    /** Why reading stopped early, if it did: the input then ends where the failure was. */
    IOException failure;
    long failedAt;

    Input(InputStream in, int capacity) {
        this.in = in;
        this.buf = new byte[capacity];
    }

    /**
     * Reads until the buffer is full or the stream ends. A read failure ends the input there: what
     * was read before it is still handed out, and the failure is kept for the reader to report.
     */
    void fill() {
        while (len < buf.length && !eof) {
            int n;
            try {
                n = in.read(buf, len, buf.length - len);
            } catch (IOException e) {
                failure = e;
                failedAt = offset + len;
                eof = true;
                return;
            }
            if (n < 0) {
                eof = true;
            } else {
                len += n;
            }
        }
    }

    /**
     * Hands {@code buf[0, cut)} over: returns the current array (its content from {@code cut} on must
     * not be used) and carries the rest to a fresh array of at least {@code capacity} bytes.
     */
    byte[] take(int cut, int capacity) {
        byte[] taken = buf;
        int rest = len - cut;
        byte[] next = new byte[Math.max(capacity, rest)];
        System.arraycopy(taken, cut, next, 0, rest);
        buf = next;
        len = rest;
        offset += cut;
        return taken;
    }

    /** Drops the first {@code n} bytes. */
    void discard(int n) {
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
        offset += n;
    }

    /** Doubles the buffer, up to {@code max} bytes. */
    void grow(int max) {
        buf = Arrays.copyOf(buf, (int) Math.min(max, buf.length * 2L));
    }
}
