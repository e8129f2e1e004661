package org.dotlink.stream.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The primitives the codecs of this package write values with: numbers, nullable UTF-8 strings of any
 * length, lists of strings and of byte blocks, over a growable buffer. Writing never fails; reading bytes
 * that were not written by the matching writer throws {@link IllegalArgumentException}.
 */
public final class Bytes {

    private Bytes() {}

    /** Builds one encoded value. */
    public static final class Writer {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(buffer);

        public Writer writeInt(int v) {
            try {
                out.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer writeLong(long v) {
            try {
                out.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer writeBoolean(boolean v) {
            return writeByte(v ? 1 : 0);
        }

        public Writer writeByte(int v) {
            try {
                out.writeByte(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** A string or null. */
        public Writer writeString(String s) {
            if (s == null) {
                return writeInt(-1);
            }
            return writeBlock(s.getBytes(StandardCharsets.UTF_8));
        }

        public Writer writeStrings(List<String> values) {
            writeInt(values.size());
            values.forEach(this::writeString);
            return this;
        }

        /** A block of bytes (not null), with its length. */
        public Writer writeBlock(byte[] b) {
            writeInt(b.length);
            try {
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer writeBlocks(List<byte[]> blocks) {
            writeInt(blocks.size());
            blocks.forEach(this::writeBlock);
            return this;
        }

        public byte[] toByteArray() {
            return buffer.toByteArray();
        }
    }

    /** Reads one encoded value back, in the order it was written. */
    public static final class Reader {
        private final DataInputStream in;

        public Reader(byte[] bytes) {
            this.in = new DataInputStream(new ByteArrayInputStream(bytes));
        }

        public int readInt() {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw truncated(e);
            }
        }

        public long readLong() {
            try {
                return in.readLong();
            } catch (IOException e) {
                throw truncated(e);
            }
        }

        public boolean readBoolean() {
            return readByte() != 0;
        }

        public int readByte() {
            try {
                return in.readUnsignedByte();
            } catch (IOException e) {
                throw truncated(e);
            }
        }

        public String readString() {
            int n = readInt();
            return n < 0 ? null : new String(readBytes(n), StandardCharsets.UTF_8);
        }

        public ArrayList<String> readStrings() {
            int n = count();
            ArrayList<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(readString());
            }
            return out;
        }

        public byte[] readBlock() {
            int n = readInt();
            if (n < 0) {
                throw new IllegalArgumentException("not an encoded value: a block of negative length " + n);
            }
            return readBytes(n);
        }

        public ArrayList<byte[]> readBlocks() {
            int n = count();
            ArrayList<byte[]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(readBlock());
            }
            return out;
        }

        /** A count of items to follow, checked against the bytes left (each item takes at least one byte). */
        public int count() {
            int n = readInt();
            try {
                if (n < 0 || n > in.available()) {
                    throw new IllegalArgumentException("not an encoded value: a count of " + n + " with "
                            + in.available() + " bytes left");
                }
            } catch (IOException e) {
                throw truncated(e);
            }
            return n;
        }

        private byte[] readBytes(int n) {
            try {
                if (n > in.available()) {
                    throw new IllegalArgumentException("not an encoded value: " + n + " bytes announced, "
                            + in.available() + " left");
                }
                byte[] b = new byte[n];
                in.readFully(b);
                return b;
            } catch (IOException e) {
                throw truncated(e);
            }
        }

        private static IllegalArgumentException truncated(IOException e) {
            return new IllegalArgumentException("not an encoded value: it ends early", e);
        }
    }
}
