package org.dotlink.ingest;

/**
 * How inputs are read, for the options every reader shares; {@link #DEFAULT} reads what the inputs'
 * headers account for, nothing more.
 *
 * @param recover also return EVTX records carved from slack: chunk free space, damaged chunks and
 *                slots past the file header's chunk count, each marked recovered (see
 *                {@link org.dotlink.ingest.evtx.EvtxReader})
 */
public record ReadOptions(boolean recover) {

    /** Allocated records only, as {@code evtxexport} returns them. */
    public static final ReadOptions DEFAULT = new ReadOptions(false);
}
