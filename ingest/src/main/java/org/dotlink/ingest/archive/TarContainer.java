package org.dotlink.ingest.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A tar stream (plain, or inside gzip): its regular files. Tar has no checksum over the content and no
 * index: once its data fails or a header is damaged, the rest cannot be found.
 */
final class TarContainer extends Container {

    private final Counting counted;
    private final TarArchiveInputStream tar;
    private final InputStream data;

    TarContainer(InputStream in, String source, int depth) {
        super(source, depth);
        this.counted = new Counting(in);
        this.tar = new TarArchiveInputStream(counted, "UTF-8");
        this.data = new FilterInputStream(tar) {
            @Override
            public void close() {}
        };
    }

    @Override
    Entry next() throws IOException {
        TarArchiveEntry e = tar.getNextEntry();
        if (e == null) {
            return null;
        }
        Type type = e.isDirectory() ? Type.DIRECTORY : isRegular(e) ? Type.FILE : Type.OTHER;
        return new Entry(e.getName(), type, type == Type.FILE ? e.getRealSize() : -1,
                type == Type.FILE ? data : null, null, null);
    }

    /** Commons-compress's isFile() is also true for links, devices and FIFOs: go by the type flag. */
    private static boolean isRegular(TarArchiveEntry e) {
        byte flag = e.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG
                || e.isSparse();
    }

    @Override
    boolean continuesAfterDamagedEntry() {
        return false;
    }

    @Override
    String location() {
        return "tar offset " + hex(counted.count);
    }

    /** Does not close the underlying stream: the caller owns it. */
    @Override
    public void close() {}

    /** Counts the bytes the tar reader took, to say where its headers were damaged. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(n);
            count += Math.max(0, s);
            return s;
        }

        @Override
        public void close() {}
    }
}
