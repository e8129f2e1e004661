package org.dotlink.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import org.dotlink.core.RecordIdentity;

/**
 * Record identity from file content, so that the same file reached as {@code logs/a.evtx},
 * {@code logs/../logs/a.evtx}, through a symbolic link or as a copy gives its records the same keys,
 * and a changed file gives them new ones.
 *
 * <p>A file's <em>fingerprint</em> is the first 128 bits of SHA-256 over its size (8 bytes, big-endian),
 * its first MiB and its last MiB (files up to 2 MiB are hashed whole), as 32 lowercase hex digits. Reading
 * at most 2 MiB keeps this fast on inputs of many GB. The limit of that choice: two files of the same size
 * that differ only in the middle, more than a MiB from either end, get the same fingerprint. Logs that
 * grow change their size and their last MiB, and an EVTX file's header (first bytes) holds its chunk
 * count and next record id, so this does not happen to logs that are written normally; records of such
 * twins would still differ by offset and record id unless those were equal too.
 *
 * <p>An archive member, written {@code path#member} (nested members {@code path#inner.zip#member}), has
 * the key of its archive file plus {@code #member}. A source is split at the first {@code #} whose prefix
 * is a regular file, after checking whether the whole source is one (file names may hold {@code #}).
 *
 * <p>Keys are cached per source string for the life of this object, so each file is fingerprinted once;
 * a file changed while the same instance is in use keeps its first key. Safe for use by several threads.
 */
public final class SourceIdentity implements RecordIdentity {

    /** How much of each end of a file goes into its fingerprint. */
    static final int EDGE_BYTES = 1 << 20;

    private final ConcurrentHashMap<String, String> sourceKeys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> fileKeys = new ConcurrentHashMap<>();

    /**
     * The key of a file or archive member.
     *
     * @throws UncheckedIOException naming the file when no file of the source can be read
     */
    @Override
    public String sourceKey(String source) {
        String known = sourceKeys.get(source);
        if (known != null) {
            return known;
        }
        String key = resolve(source);
        sourceKeys.putIfAbsent(source, key);
        return key;
    }

    private String resolve(String source) {
        if (isRegularFile(source)) {
            return fileKey(source);
        }
        for (int hash = source.indexOf('#'); hash > 0; hash = source.indexOf('#', hash + 1)) {
            String archive = source.substring(0, hash);
            if (isRegularFile(archive)) {
                return fileKey(archive) + source.substring(hash);
            }
        }
        throw new UncheckedIOException(new IOException(source + ": cannot fingerprint: no such file"));
    }

    private String fileKey(String file) {
        return fileKeys.computeIfAbsent(file, f -> {
            try {
                return fingerprint(Path.of(f));
            } catch (IOException e) {
                throw new UncheckedIOException(new IOException(f + ": cannot fingerprint: " + e.getMessage(), e));
            }
        });
    }

    private static boolean isRegularFile(String path) {
        try {
            return Files.isRegularFile(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The content fingerprint of {@code file} (see the class comment), uncached. */
    public static String fingerprint(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(0, size));
            ByteBuffer buf = ByteBuffer.allocate(EDGE_BYTES);
            long head = Math.min(size, EDGE_BYTES);
            digest(ch, 0, head, buf, sha);
            long tail = Math.min(size - head, EDGE_BYTES);
            digest(ch, size - tail, tail, buf, sha);
        }
        byte[] hash = sha.digest();
        return HexFormat.of().formatHex(hash, 0, 16);
    }

    /** Feeds {@code length} bytes of {@code ch} from {@code position} to the digest. */
    private static void digest(FileChannel ch, long position, long length, ByteBuffer buf, MessageDigest sha)
            throws IOException {
        long done = 0;
        while (done < length) {
            buf.clear().limit((int) Math.min(buf.capacity(), length - done));
            int n = ch.read(buf, position + done);
            if (n < 0) {
                throw new IOException("file ended at byte " + (position + done) + " while fingerprinting");
            }
            buf.flip();
            sha.update(buf);
            done += n;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
