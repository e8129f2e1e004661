package org.dotlink.ingest.archive;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/**
 * A zip read as a stream, from its local headers (a zip inside another archive, a zip from a pipe, or a
 * zip on disk whose central directory is unreadable). After a damaged member the next one is found
 * only when the damaged one's local header gave its compressed size; when the size came after the data
 * (a data descriptor), the rest of the archive cannot be found and is reported lost.
 */
final class ZipStreamContainer extends Container {

    private final ZipArchiveInputStream zip;
    private int index;
    private String lastName;

    ZipStreamContainer(InputStream in, String source, int depth) {
        super(source, depth);
        // UTF-8 names (with the Unicode extra fields), stored entries with data descriptors allowed,
        // a split-archive marker at the start skipped.
        this.zip = new ZipArchiveInputStream(in, "UTF-8", true, true, true);
    }

    @Override
    Entry next() throws IOException {
        ZipArchiveEntry e = zip.getNextEntry();
        if (e == null) {
            return null;
        }
        index++;
        lastName = e.getName();
        Type type = e.isDirectory() ? Type.DIRECTORY : e.isUnixSymlink() ? Type.OTHER : Type.FILE;
        if (type != Type.FILE) {
            return new Entry(e.getName(), type, e.getSize(), null, null, null);
        }
        String unreadable = unreadable(e, zip.canReadEntryData(e));
        if (unreadable != null) {
            return new Entry(e.getName(), type, e.getSize(), null, unreadable, null);
        }
        Check check = checkOf(e);
        return new Entry(e.getName(), type, e.getSize(), explained(zip, "zip member"), null, check);
    }

    @Override
    boolean continuesAfterDamagedEntry() {
        return true;
    }

    @Override
    String location() {
        return index == 0 ? "the first local header" : "after member " + index + " (" + lastName + ")";
    }

    /**
     * The stored CRC and size of a zip entry, read when the check runs: with a data descriptor they
     * are known only once the next entry was looked for.
     */
    static Check checkOf(ZipArchiveEntry e) {
        return new Check() {
            @Override
            public long crc() {
                return e.getCrc();
            }

            @Override
            public long size() {
                return e.getSize();
            }
        };
    }

    /** Why an entry's data cannot be read, or null when it can. */
    static String unreadable(ZipArchiveEntry e, boolean canRead) {
        if (canRead) {
            return null;
        }
        if (e.getGeneralPurposeBit().usesEncryption() || e.getGeneralPurposeBit().usesStrongEncryption()) {
            return "it is encrypted";
        }
        ZipMethod m = ZipMethod.getMethodByCode(e.getMethod());
        return "its compression method " + e.getMethod() + (m == null ? "" : " (" + m + ")") + " is not supported";
    }

    /** Does not close the underlying stream: the caller owns it. */
    @Override
    public void close() {}
}
