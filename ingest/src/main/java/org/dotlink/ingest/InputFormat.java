package org.dotlink.ingest;

import java.util.Locale;
import org.dotlink.ingest.evtx.EvtxReader;
import org.dotlink.ingest.w3c.W3cReader;

/** The formats Dotlink reads, recognised from a file's first bytes (and its name where content is unclear). */
public enum InputFormat {
    /** Windows event log files (binary XML in 64 KiB chunks). */
    EVTX,
    /** W3C extended logs as IIS and Exchange write them. */
    W3C;

    /** Bytes needed from the start of a file to recognise its format. */
    public static final int SNIFF_BYTES = 512;

    /**
     * The format of a file from its first bytes, or null when none is known. A file named
     * {@code .evtx} is taken as EVTX even when damaged, so that its damage is reported, not skipped.
     */
    public static InputFormat recognise(String fileName, byte[] head, int length) {
        if (EvtxReader.isEvtx(head, length) || fileName.toLowerCase(Locale.ROOT).endsWith(".evtx")) {
            return EVTX;
        }
        if (W3cReader.looksLikeW3c(head, length)) {
            return W3C;
        }
        return null;
    }
}
