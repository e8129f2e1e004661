package org.dotlink.ingest.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses gzip data (RFC 1952), concatenated members included, keeping exact track of the
 * compressed and uncompressed offsets so that damage is reported where it is.
 *
 * <p>Written on {@link Inflater} rather than {@code GZIPInputStream} or commons-compress because of how
 * they fail: {@code GZIPInputStream} silently ends at a damaged header of a following member (and
 * decides whether one follows from {@code available()}); commons-compress drops the output of the read
 * in which the input ends or the CRC fails. Here every byte inflated is delivered before a failure is
 * raised, the trailer (CRC-32, size) is checked after the member's data was delivered, a bad trailer is
 * reported and the next member read, and bytes after the last member are reported, not ignored.
 *
 * <p>Fatal damage (input ending early, corrupt deflate data, a damaged header) is thrown as an
 * {@link IOException} whose message says where; findings that lose nothing further (CRC mismatch,
 * trailing bytes) go to {@link Findings}.
 */
final class GzipStream extends InputStream {

    /** Non-fatal findings: reading goes on. */
    interface Findings {
        void report(boolean error, String location, String message);
    }

    private static final int BUFFER = 64 * 1024;
    private static final int RESERVED_FLAGS = 0xe0;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final Findings findings;
    private final byte[] buf = new byte[BUFFER];
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    /** Unconsumed input is buf[pos, lim); the inflater, when it has input, holds exactly that. */
    private int pos;
    private int lim;
    /** Compressed offset of buf[0]. */
    private long bufStart;
    private long out;
    private long memberStart;
    private int member;
    private boolean needHeader = true;
    private boolean end;

    GzipStream(InputStream in, Findings findings) {
        this.in = in;
        this.findings = findings;
    }

    /** Bytes of gzip data consumed so far. */
    long compressedOffset() {
        return bufStart + pos;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!end) {
            if (needHeader) {
                if (!readHeader()) {
                    finish();
                    return -1;
                }
                needHeader = false;
            }
            if (inflater.needsInput()) {
                if (pos == lim && !fill()) {
                    throw new EOFException("gzip data ends early: the input ends at compressed offset "
                            + hex(compressedOffset()) + ", inside the deflate data of gzip member " + member);
                }
                inflater.setInput(buf, pos, lim - pos);
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("gzip data is damaged (" + e.getMessage() + ") in gzip member " + member
                        + " near compressed offset " + hex(compressedOffset()));
            }
            pos = lim - inflater.getRemaining();
            if (n > 0) {
                crc.update(b, off, n);
                out += n;
                return n;
            }
            if (inflater.finished()) {
                if (!readTrailer()) {
                    finish();
                    return -1;
                }
                inflater.reset();
                crc.reset();
                needHeader = true;
            } else if (inflater.needsDictionary()) {
                throw new ZipException("gzip data is damaged: gzip member " + member + " asks for a preset dictionary");
            } else if (!inflater.needsInput()) {
                throw new ZipException("gzip data is damaged in gzip member " + member + " near compressed offset "
                        + hex(compressedOffset()));
            }
        }
        return -1;
    }

    @Override
    public int available() {
        return end ? 0 : 1;
    }

    /** Does not close the underlying stream: the caller owns it. */
    @Override
    public void close() {
        finish();
    }

    private void finish() {
        if (!end) {
            end = true;
            inflater.end();
        }
    }

    private boolean fill() throws IOException {
        bufStart += lim;
        pos = 0;
        lim = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        lim = n;
        return true;
    }

    private int readByte() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private int headerByte() throws IOException {
        int b = readByte();
        if (b < 0) {
            throw new EOFException("gzip data ends early: the input ends at compressed offset "
                    + hex(compressedOffset()) + ", inside the header of gzip member " + member);
        }
        return b;
    }

    /** Reads the next member's header; false at the clean end of the data. */
    private boolean readHeader() throws IOException {
        long at = compressedOffset();
        int id1 = readByte();
        if (id1 < 0) {
            if (member == 0) {
                throw new EOFException("no gzip data: the input is empty");
            }
            return false;
        }
        int id2 = readByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            if (member == 0) {
                throw new ZipException("not gzip data: expected 1f 8b at offset 0");
            }
            findings.report(false, "compressed offset " + hex(at), "data after the end of the gzip data"
                    + " (after gzip member " + member + ") is not a gzip member; ignored");
            return false;
        }
        member++;
        memberStart = out;
        int method = headerByte();
        if (method != 8) {
            throw new ZipException("gzip member " + member + " at compressed offset " + hex(at)
                    + " uses compression method " + method + ", expected 8 (deflate)");
        }
        int flags = headerByte();
        if ((flags & RESERVED_FLAGS) != 0) {
            throw new ZipException("gzip member " + member + " at compressed offset " + hex(at)
                    + " has reserved header flags set (0x" + Integer.toHexString(flags) + "): damaged header");
        }
        for (int i = 0; i < 6; i++) { // MTIME, XFL, OS
            headerByte();
        }
        if ((flags & FEXTRA) != 0) {
            int xlen = headerByte() | (headerByte() << 8);
            for (int i = 0; i < xlen; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (headerByte() != 0) {
                // the name of the original file; the member is named after the .gz file instead
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (headerByte() != 0) {
                // comment
            }
        }
        if ((flags & FHCRC) != 0) {
            headerByte();
            headerByte();
        }
        return true;
    }

    /** Checks a finished member's trailer; false when the input ended inside it (nothing more to read). */
    private boolean readTrailer() throws IOException {
        long at = compressedOffset();
        long[] v = new long[2];
        for (int k = 0; k < 2; k++) {
            long x = 0;
            for (int i = 0; i < 4; i++) {
                int b = readByte();
                if (b < 0) {
                    findings.report(false, "compressed offset " + hex(compressedOffset()), "gzip data ends inside"
                            + " the trailer of gzip member " + member + ": its content was read whole but not verified");
                    return false;
                }
                x |= (long) b << (8 * i);
            }
            v[k] = x;
        }
        long memberSize = out - memberStart;
        if (v[0] != crc.getValue() || v[1] != (memberSize & 0xffffffffL)) {
            String what = v[1] != (memberSize & 0xffffffffL)
                    ? "size mismatch (the trailer says " + v[1] + " bytes mod 2^32, decompressed " + memberSize + ")"
                    : "CRC-32 mismatch (stored 0x" + Long.toHexString(v[0]) + ", computed 0x"
                            + Long.toHexString(crc.getValue()) + ")";
            findings.report(true, "compressed offset " + hex(at) + " (uncompressed offset " + hex(out) + ")",
                    "gzip member " + member + " is damaged: " + what + "; its " + memberSize
                            + " bytes were read, some of them wrong");
        }
        return true;
    }

    private static String hex(long offset) {
        return Container.hex(offset);
    }
}
