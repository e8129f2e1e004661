package org.dotlink.ingest.archive;

import java.io.InputStream;
import java.util.Locale;

/** A compressed stream of one file (gzip without a tar inside): one entry, the decompressed data. */
final class SingleContainer extends Container {

    private final String name;
    private final InputStream data;
    private boolean given;

    SingleContainer(InputStream data, String source, int depth) {
        super(source, depth);
        this.name = memberName(source);
        this.data = data;
    }

    String name() {
        return name;
    }

    @Override
    Entry next() {
        if (given) {
            return null;
        }
        given = true;
        return new Entry(name, Type.FILE, -1, data, null, null);
    }

    /** True: there is nothing after the one entry to lose, and {@link #next()} says so. */
    @Override
    boolean continuesAfterDamagedEntry() {
        return true;
    }

    @Override
    String location() {
        return "offset 0x0";
    }

    /**
     * The decompressed file's name, as gunzip would make it from the compressed file's name (the last
     * segment of the source): {@code a.json.gz} gives {@code a.json}, {@code a.tgz} gives {@code a.tar},
     * {@code a.z} gives {@code a}; any other name is kept whole.
     */
    static String memberName(String source) {
        int cut = Math.max(source.lastIndexOf('#'), Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')));
        String base = source.substring(cut + 1);
        String lower = base.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz") && base.length() > 3) {
            return base.substring(0, base.length() - 3);
        }
        if ((lower.endsWith(".tgz") || lower.endsWith(".taz")) && base.length() > 4) {
            return base.substring(0, base.length() - 4) + ".tar";
        }
        if (lower.endsWith(".z") && base.length() > 2) {
            return base.substring(0, base.length() - 2);
        }
        return base;
    }
}
