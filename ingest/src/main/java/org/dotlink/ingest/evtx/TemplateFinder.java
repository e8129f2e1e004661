package org.dotlink.ingest.evtx;

import static org.dotlink.ingest.evtx.LittleEndian.i32;

import java.util.Arrays;

/**
 * Finds template definitions in a chunk by their template id, for records carved from slack whose
 * definition offset no longer holds their template (the record that defined it was overwritten, and
 * the template was defined again elsewhere, or survives in slack).
 *
 * <p>A definition is 4 bytes of next-definition offset, the 16-byte GUID (whose first 4 bytes are the
 * id that template instances carry), a 4-byte data size, then a BinXML fragment that starts with the
 * fragment header {@code 0f 01 01 00}. The chunk is scanned for those headers once, on the first
 * lookup after {@link #reset}; a candidate is kept when its data size fits in the chunk.
 */
final class TemplateFinder {

    private static final int DEFINITION_HEADER = 24;

    private byte[] b;
    private boolean scanned;
    /** Candidate definitions as {@code id << 32 | offset}, sorted: by id, then in chunk order. */
    private long[] found = new long[64];
    private int count;

    /** Starts on a new chunk. */
    void reset(byte[] chunk) {
        b = chunk;
        scanned = false;
        count = 0;
    }

    /**
     * True when a template definition with {@code templateId} plausibly starts at {@code offset}: the
     * id matches the GUID's first bytes, the data size fits in the chunk, and the data starts with a
     * fragment header.
     */
    static boolean isDefinition(byte[] b, int offset, int templateId) {
        if (offset < EvtxChunk.HEADER_SIZE || offset > EvtxChunk.SIZE - DEFINITION_HEADER - 4) {
            return false;
        }
        int size = i32(b, offset + 20);
        return i32(b, offset + 4) == templateId && size >= 4 && size <= EvtxChunk.SIZE - offset - DEFINITION_HEADER
                && isFragmentHeader(b, offset + DEFINITION_HEADER);
    }

    /** The offsets of the definitions with {@code templateId} in the chunk, in chunk order; empty when none. */
    int[] find(int templateId) {
        if (!scanned) {
            scan();
        }
        int at = -Arrays.binarySearch(found, 0, count, (long) templateId << 32) - 1; // offsets are > 0: never found exactly
        int end = at;
        while (end < count && (int) (found[end] >> 32) == templateId) {
            end++;
        }
        int[] offsets = new int[end - at];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = (int) found[at + i];
        }
        return offsets;
    }

    private void scan() {
        scanned = true;
        for (int q = EvtxChunk.HEADER_SIZE + DEFINITION_HEADER; q <= EvtxChunk.SIZE - 4; q++) {
            if (b[q] == 0x0f && isFragmentHeader(b, q)) {
                int def = q - DEFINITION_HEADER;
                int size = i32(b, def + 20);
                if (size >= 4 && size <= EvtxChunk.SIZE - q) {
                    add((long) i32(b, def + 4) << 32 | def);
                }
            }
        }
        Arrays.sort(found, 0, count);
    }

    private static boolean isFragmentHeader(byte[] b, int p) {
        return b[p] == 0x0f && b[p + 1] == 0x01 && b[p + 2] == 0x01 && b[p + 3] == 0x00;
    }

    private void add(long candidate) {
        if (count == found.length) {
            found = Arrays.copyOf(found, 2 * count);
        }
        found[count++] = candidate;
    }
}
