package org.dotlink.ingest.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** Builds test archives in memory or in a temporary folder, and reads an {@link ArchiveReader} whole. */
final class Archives {
    private Archives() {}

    /** Marks a directory entry in {@link #zip} and {@link #tarGz} content maps. */
    static final byte[] DIRECTORY = new byte[0];
    /** Marks a symbolic link entry in {@link #tarGz} content maps. */
    static final byte[] SYMLINK = new byte[0];
    /** The start of an AppleDouble file (macOS resource fork and attributes). */
    static final byte[] APPLE_DOUBLE = {0, 5, 0x16, 7, 0, 2, 0, 0, 'M', 'a', 'c', ' ', 'O', 'S', ' ', 'X'};

    /** Lines of JSON that deflate does not shrink to nothing: the same for the same seed. */
    static byte[] jsonLines(int seed, int lines) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append("{\"EventID\":").append(r.nextInt(5000)).append(",\"Hostname\":\"host-").append(seed)
                    .append("\",\"CommandLine\":\"").append(Long.toHexString(r.nextLong())).append(' ')
                    .append(Long.toHexString(r.nextLong())).append("\"}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A zip written by java.util.zip: deflated entries carry their sizes and CRC in data descriptors. */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getValue() != DIRECTORY) {
                    z.write(e.getValue());
                }
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip written to a file by commons-compress: sizes and CRC in the local headers, no data descriptors. */
    static Path zipWithSizesInLocalHeaders(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                z.write(e.getValue());
                z.closeArchiveEntry();
            }
        }
        return file;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bytes)) {
            g.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] tar(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry;
                if (e.getValue() == SYMLINK) {
                    entry = new TarArchiveEntry(e.getKey(), TarConstants.LF_SYMLINK);
                    entry.setLinkName("elsewhere.json");
                } else {
                    entry = new TarArchiveEntry(e.getKey());
                    if (e.getValue() != DIRECTORY) {
                        entry.setSize(e.getValue().length);
                    }
                }
                t.putArchiveEntry(entry);
                if (e.getValue() != DIRECTORY && e.getValue() != SYMLINK) {
                    t.write(e.getValue());
                }
                t.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] tarGz(Map<String, byte[]> entries) {
        return gzip(tar(entries));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            bytes.writeBytes(p);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    /** Where an entry's compressed data starts and how long it is, from the central directory. */
    static long[] dataRange(Path zipFile, String name) throws IOException {
        try (ZipFile z = ZipFile.builder().setPath(zipFile).get()) {
            ZipArchiveEntry e = z.getEntry(name);
            return new long[] {e.getDataOffset(), e.getCompressedSize()};
        }
    }

    @SafeVarargs
    static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            V v = (V) keysAndValues[i + 1];
            m.put((String) keysAndValues[i], v);
        }
        return m;
    }

    /** Every member read to its end, in order. */
    record Read(List<String> sources, Map<String, byte[]> contents) {}

    static Read readAll(ArchiveReader reader) throws IOException {
        List<String> sources = new ArrayList<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        while (reader.hasNext()) {
            Member m = reader.next();
            sources.add(m.source());
            contents.put(m.source(), readFully(m.content()));
        }
        return new Read(sources, contents);
    }

    /** Reads in uneven pieces, as readers do. */
    static byte[] readFully(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[7919];
        int n;
        while ((n = in.read(buf, 0, buf.length)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

}
