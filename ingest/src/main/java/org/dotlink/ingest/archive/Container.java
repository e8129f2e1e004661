package org.dotlink.ingest.archive;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** One archive being read: its entries in order. The {@link ArchiveReader} keeps a stack of them (nesting). */
abstract class Container implements Closeable {

    enum Type { FILE, DIRECTORY, OTHER }

    /** What the container knows about an entry's content to check it once read to its end. */
    interface Check {
        /** CRC-32 of the content, or -1 when not (yet) known. */
        long crc();

        /** Uncompressed size, or -1 when not (yet) known. */
        long size();
    }

    /**
     * @param data       the content, or null when it cannot be read (then {@code unreadable} says why)
     * @param check      the stored CRC and size to verify the content against, or null (tar, gzip
     *                   single member: the layer below checks)
     */
    record Entry(String name, Type type, long size, InputStream data, String unreadable, Check check) {}

    final String source;
    final int depth;

    Container(String source, int depth) {
        this.source = source;
        this.depth = depth;
    }

    /**
     * The next entry, or null at the end. The previous entry's data is no longer read. An exception
     * means the archive's structure is damaged here; the container is not asked again.
     */
    abstract Entry next() throws IOException;

    /** Whether {@link #next()} can still find the following entry after an entry whose data failed. */
    abstract boolean continuesAfterDamagedEntry();

    /** Where the container is, for a problem with its structure. */
    abstract String location();

    @Override
    public void close() throws IOException {}

    /**
     * The entry data of a library decoder, with its failures said in words: "compressed data is
     * damaged (invalid block type)" rather than the bare "invalid block type". Closing it does nothing.
     */
    static InputStream explained(InputStream data, String format) {
        return new FilterInputStream(data) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException | RuntimeException e) {
                    throw explain(e, format);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return in.read(b, off, len);
                } catch (IOException | RuntimeException e) {
                    throw explain(e, format);
                }
            }

            @Override
            public void close() {}
        };
    }

    private static IOException explain(Exception e, String format) {
        String m = MemberStream.describe(e);
        if (e instanceof EOFException || m.toLowerCase(java.util.Locale.ROOT).contains("truncated")) {
            return new EOFException(format + " data ends early (" + m + ")");
        }
        return new IOException(format + " data is damaged (" + m + ")", e);
    }

    static String hex(long offset) {
        return "0x" + Long.toHexString(offset);
    }
}
