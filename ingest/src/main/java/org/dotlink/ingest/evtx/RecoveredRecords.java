package org.dotlink.ingest.evtx;

import static org.dotlink.ingest.evtx.LittleEndian.i64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.dotlink.core.Event;
import org.dotlink.ingest.EventBatch;

/**
 * The records carved from one file's slack, collected from its chunk tasks (which run in parallel)
 * and handed out once every chunk is read, in file order, as the file's last batch.
 *
 * <p>A carved record never duplicates an allocated one: a frame identical to an allocated record of
 * any chunk of the file (the same bytes, as when Windows starts a chunk from a copy of the previous
 * one) is dropped, and of identical carved frames only the first is kept. Frames are compared by a
 * fingerprint of their bytes (record number, size and CRC-32); a frame that differs in anything,
 * such as an older record that reused a record number, is kept.
 */
final class RecoveredRecords {

    /** A record carved from slack: its event, the fingerprint of its frame, and whether a template part was lost. */
    record Carved(Event event, long fingerprint, boolean partial) {}

    /**
     * What carving one file gave: structurally valid frames seen in slack, those that did not read as
     * a record, carved copies dropped as duplicates, and the records handed out, of which
     * {@code partial} lost a template part.
     */
    record Counts(int frames, int unreadable, int duplicates, int recovered, int partial) {}

    private final List<long[]> allocated = new ArrayList<>();
    private final List<Carved> carved = new ArrayList<>();
    private int frames;
    private int unreadable;
    private Counts counts;

    /** The fingerprint of the frame of {@code size} bytes at chunk offset {@code p}. */
    static long fingerprint(CRC32 crc, byte[] chunk, int p, int size) {
        crc.reset();
        crc.update(chunk, p, size);
        return crc.getValue() << 32 ^ i64(chunk, p + 8) * 0x9e3779b97f4a7c15L ^ size;
    }

    /** Registers the fingerprints of one chunk's allocated records. */
    synchronized void allocated(long[] fingerprints) {
        allocated.add(fingerprints);
    }

    /** Adds what carving one chunk's slack gave. */
    synchronized void carved(List<Carved> records, int framesSeen, int unreadableFrames) {
        carved.addAll(records);
        frames += framesSeen;
        unreadable += unreadableFrames;
    }

    /** The carved records that duplicate nothing, in file order; call once every chunk task has run. */
    synchronized EventBatch batch() {
        long[] known = allocated.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        carved.sort(Comparator.comparingLong(c -> c.event().offset()));
        Set<Long> kept = new HashSet<>();
        List<Event> events = new ArrayList<>();
        int partial = 0;
        for (Carved c : carved) {
            if (Arrays.binarySearch(known, c.fingerprint()) < 0 && kept.add(c.fingerprint())) {
                events.add(c.event());
                partial += c.partial() ? 1 : 0;
            }
        }
        counts = new Counts(frames, unreadable, carved.size() - events.size(), events.size(), partial);
        carved.clear();
        allocated.clear();
        return new EventBatch(events, List.of());
    }

    /** What carving gave, once {@link #batch()} has run. */
    synchronized Counts counts() {
        return counts;
    }
}
