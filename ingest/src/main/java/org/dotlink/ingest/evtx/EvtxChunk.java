package org.dotlink.ingest.evtx;

import static org.dotlink.ingest.evtx.LittleEndian.i32;
import static org.dotlink.ingest.evtx.LittleEndian.i64;
import static org.dotlink.ingest.evtx.LittleEndian.u32;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.dotlink.core.Event;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;

/**
 * Parses one 64 KiB EVTX chunk into events: checks the chunk header and its checksums, then reads
 * every record from the end of the header to the free-space offset (the allocated records, as
 * {@code evtxexport} returns them). Chunks are independent, so each can be parsed on its own thread.
 * One instance per thread: it keeps per-chunk caches that are reset for each chunk.
 *
 * <p>When records are to be recovered, the rest of the chunk (from where the allocated records end,
 * or all of it when its signature is damaged) is then carved by {@link SlackCarver}, with the
 * templates and names the allocated records defined, into the file's {@link RecoveredRecords}.
 */
public final class EvtxChunk {

    public static final int SIZE = 0x10000;
    static final int HEADER_SIZE = 512;
    static final byte[] SIGNATURE = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};
    private static final int RECORD_HEADER_SIZE = 24;
    private static final int FLAG_NO_CRC32 = 0x4;

    private final ValueRenderer values = new ValueRenderer();
    private final BinXmlReader reader = new BinXmlReader(values);
    private final EventRenderer renderer = new EventRenderer(reader, values);
    private final SlackCarver carver = new SlackCarver(reader, renderer, values);
    private final CRC32 crc = new CRC32();
    private long[] fingerprints = new long[256];

    /**
     * Parses one chunk.
     *
     * @param chunk      exactly {@link #SIZE} bytes (a truncated chunk padded with zeros)
     * @param source     the input's name for events and problems
     * @param index      the chunk's number in the file, for problem reports
     * @param fileOffset where the chunk starts in the file, so that problems and events carry file offsets
     */
    public EventBatch parse(byte[] chunk, String source, int index, long fileOffset) {
        return parse(chunk, source, index, fileOffset, null);
    }

    /**
     * Parses one chunk and, when {@code recovery} is not null, carves what its header does not
     * account for into it (see the class comment); the returned batch is the same either way.
     */
    EventBatch parse(byte[] chunk, String source, int index, long fileOffset, RecoveredRecords recovery) {
        if (chunk.length != SIZE) {
            throw new IllegalArgumentException("a chunk is " + SIZE + " bytes, got " + chunk.length);
        }
        List<ReadProblem> problems = new ArrayList<>(0);
        if (!hasSignature(chunk, 0)) {
            problems.add(ReadProblem.error(source, where(index, fileOffset),
                    "chunk signature is not \"ElfChnk\\0\"; chunk skipped"));
            if (recovery != null) {
                carveOnly(chunk, source, fileOffset, recovery);
            }
            return new EventBatch(List.of(), problems);
        }
        int flags = i32(chunk, 120);
        int freeSpace = i32(chunk, 48);
        int end = freeSpace;
        if (freeSpace < HEADER_SIZE || freeSpace > SIZE) {
            problems.add(ReadProblem.error(source, where(index, fileOffset), "free space offset 0x"
                    + Integer.toHexString(freeSpace) + " is outside 0x200..0x10000; reading records to the chunk end"));
            end = SIZE;
        } else if ((flags & FLAG_NO_CRC32) == 0) {
            checkChecksums(chunk, freeSpace, source, index, fileOffset, problems);
        }
        reader.reset(chunk);
        renderer.reset(chunk);
        List<Event> events = new ArrayList<>(128);
        Event.Builder builder = Event.builder(source);
        int allocated = 0;
        int p = HEADER_SIZE;
        while (p + RECORD_HEADER_SIZE <= end) {
            if (i32(chunk, p) != 0x00002a2a) {
                if (!allZero(chunk, p, Math.min(end, p + 4))) {
                    problems.add(ReadProblem.error(source, where(index, fileOffset + p),
                            "expected a record signature 2a2a0000 before the free space offset 0x"
                                    + Integer.toHexString(end) + "; rest of chunk skipped"));
                }
                break;
            }
            int size = i32(chunk, p + 4);
            if (size < RECORD_HEADER_SIZE + 4 || size > end - p || i32(chunk, p + size - 4) != size) {
                problems.add(ReadProblem.error(source, where(index, fileOffset + p), "record size " + Integer.toUnsignedString(size)
                        + " does not fit before 0x" + Integer.toHexString(end) + " or disagrees with its trailing copy; rest of chunk skipped"));
                break;
            }
            long recordId = i64(chunk, p + 8);
            if (recovery != null) {
                if (allocated == fingerprints.length) {
                    fingerprints = Arrays.copyOf(fingerprints, 2 * allocated);
                }
                fingerprints[allocated++] = RecoveredRecords.fingerprint(crc, chunk, p, size);
            }
            try {
                BinXmlNode[] fragment = reader.readFragment(p + RECORD_HEADER_SIZE, p + size - 4);
                builder.offset(fileOffset + p);
                renderer.render(fragment, builder);
                if (builder.isEmpty()) {
                    throw new EvtxFormatException(p + RECORD_HEADER_SIZE, "record holds no event values");
                }
                events.add(builder.build());
            } catch (RuntimeException | StackOverflowError e) { // a malformed record must not stop the chunk
                builder.build(); // discard partial fields
                int at = e instanceof EvtxFormatException f ? f.offset() : p;
                problems.add(ReadProblem.error(source, where(index, fileOffset + at),
                        "record " + Long.toUnsignedString(recordId) + " at 0x" + Long.toHexString(fileOffset + p)
                                + " could not be read: " + describe(e)));
            }
            p += size;
        }
        if (recovery != null) {
            recovery.allocated(Arrays.copyOf(fingerprints, allocated));
            carver.carve(chunk, p, source, fileOffset, recovery);
        }
        return new EventBatch(events, problems);
    }

    /**
     * Carves records from a whole 64 KiB slot that holds no chunk (no signature): a damaged chunk,
     * or space past the file header's chunk count. Reports nothing; what it finds goes to {@code recovery}.
     */
    void carveOnly(byte[] chunk, String source, long fileOffset, RecoveredRecords recovery) {
        reader.reset(chunk);
        renderer.reset(chunk);
        carver.carve(chunk, 0, source, fileOffset, recovery);
    }

    private void checkChecksums(byte[] chunk, int freeSpace, String source, int index, long fileOffset,
                                List<ReadProblem> problems) {
        crc.reset();
        crc.update(chunk, 0, 120);
        crc.update(chunk, 128, 384);
        if ((int) crc.getValue() != i32(chunk, 124)) {
            problems.add(ReadProblem.warning(source, where(index, fileOffset), "chunk header checksum mismatch (stored 0x"
                    + Long.toHexString(u32(chunk, 124)) + ", computed 0x" + Long.toHexString(crc.getValue()) + ")"));
        }
        crc.reset();
        crc.update(chunk, HEADER_SIZE, freeSpace - HEADER_SIZE);
        if ((int) crc.getValue() != i32(chunk, 52)) {
            problems.add(ReadProblem.warning(source, where(index, fileOffset), "event records checksum mismatch, records read anyway and may hold damaged values (stored 0x"
                    + Long.toHexString(u32(chunk, 52)) + ", computed 0x" + Long.toHexString(crc.getValue()) + ")"));
        }
    }

    private static String describe(Throwable e) {
        return e instanceof EvtxFormatException ? e.getMessage() : e.getClass().getSimpleName() + " " + e.getMessage();
    }

    static boolean hasSignature(byte[] b, int off) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b[off + i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static String where(int chunkIndex, long fileOffset) {
        return "chunk " + chunkIndex + " at offset 0x" + Long.toHexString(fileOffset);
    }
}
