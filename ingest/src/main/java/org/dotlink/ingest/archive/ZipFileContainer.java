package org.dotlink.ingest.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A zip file on disk, read through its central directory: each member is found from the directory, so a
 * damaged member costs only itself. Members come in the order their data lies in the file, so the
 * file is still read front to back.
 */
final class ZipFileContainer extends Container {

    private final ZipFile zip;
    private final Enumeration<ZipArchiveEntry> entries;
    private InputStream open;
    private int index;

    ZipFileContainer(ZipFile zip, String source, int depth) {
        super(source, depth);
        this.zip = zip;
        this.entries = zip.getEntriesInPhysicalOrder();
    }

    @Override
    Entry next() throws IOException {
        closeOpen();
        if (!entries.hasMoreElements()) {
            return null;
        }
        ZipArchiveEntry e = entries.nextElement();
        index++;
        Type type = e.isDirectory() ? Type.DIRECTORY : e.isUnixSymlink() ? Type.OTHER : Type.FILE;
        if (type != Type.FILE) {
            return new Entry(e.getName(), type, e.getSize(), null, null, null);
        }
        String unreadable = ZipStreamContainer.unreadable(e, zip.canReadEntryData(e));
        if (unreadable != null) {
            return new Entry(e.getName(), type, e.getSize(), null, unreadable, null);
        }
        try {
            open = zip.getInputStream(e);
        } catch (IOException | RuntimeException x) {
            return new Entry(e.getName(), type, e.getSize(), null,
                    "its local header or data cannot be found (" + MemberStream.describe(x) + ")", null);
        }
        Check check = ZipStreamContainer.checkOf(e);
        return new Entry(e.getName(), type, e.getSize(), explained(open, "zip member"), null, check);
    }

    @Override
    boolean continuesAfterDamagedEntry() {
        return true;
    }

    @Override
    String location() {
        return "member " + index;
    }

    private void closeOpen() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException | RuntimeException ignored) {
                // releasing a member's inflater: nothing to lose
            }
            open = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeOpen();
        zip.close();
    }
}
