package org.dotlink.ingest.evtx;

import static org.dotlink.ingest.evtx.LittleEndian.i32;
import static org.dotlink.ingest.evtx.LittleEndian.i64;
import static org.dotlink.ingest.evtx.LittleEndian.u16;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.zip.CRC32;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.ReadTasks;

/**
 * Reads an EVTX file as a stream: the file header, then one parse task per 64 KiB chunk. The caller
 * pulls tasks in file order on one thread (this does the I/O) and may run them on others (they do
 * the parsing); each task returns its chunk's events in record order. Memory is one chunk per task
 * in flight, whatever the file size.
 *
 * <p>Chunks the header does not count are read too when they carry the chunk signature; slots past
 * the count without it are unused space.
 *
 * <p>With {@code recover}, records the headers do not account for are carved as well
 * ({@link SlackCarver}): from each chunk's free space, from chunks whose signature is damaged, and
 * from slots past the header's count that hold something other than zeros. They come in one more
 * batch after the file's chunks, in file order, each {@link org.dotlink.core.Event#recovered()
 * recovered}, without any copy of an allocated record ({@link RecoveredRecords}). Every other batch is
 * exactly what the reader gives without {@code recover}. The carved records of a file are held until
 * its last chunk is parsed.
 */
public final class EvtxReader extends ReadTasks {

    public static final byte[] FILE_SIGNATURE = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};
    static final int FILE_HEADER_SIZE = 4096;
    private static final ThreadLocal<EvtxChunk> PARSERS = ThreadLocal.withInitial(EvtxChunk::new);
    private static final byte[] ZEROS = new byte[EvtxChunk.SIZE];

    private final InputStream in;
    private final String source;
    /** Where carved records are collected; null when records are not recovered. */
    private final RecoveredRecords recovery;
    /** Chunk tasks whose batch the caller has not taken yet (only when recovering). */
    private final Set<FutureTask<EventBatch>> untaken;
    /** The chunks are all handed out; the recovered records are next (only when recovering). */
    private boolean recoveredNext;
    private final List<ReadProblem> headerProblems = new ArrayList<>();
    private int expectedChunks;
    private byte[] pushedBack;
    private long nextRecordId;
    private boolean headerIntact;
    private long lastRecordId;
    private long position;
    private int chunkIndex;
    private boolean started;

    /** @param in the file's bytes from its start; closed by the caller */
    public EvtxReader(InputStream in, String source) {
        this(in, source, false);
    }

    /**
     * @param in      the file's bytes from its start; closed by the caller
     * @param recover also carve the records the headers do not account for (see the class comment)
     */
    public EvtxReader(InputStream in, String source, boolean recover) {
        this.in = in;
        this.source = source;
        this.recovery = recover ? new RecoveredRecords() : null;
        this.untaken = recover ? ConcurrentHashMap.newKeySet() : null;
    }

    /** True when {@code head} (at least 8 bytes) starts with the EVTX file signature. */
    public static boolean isEvtx(byte[] head, int length) {
        return length >= FILE_SIGNATURE.length && Arrays.equals(head, 0, FILE_SIGNATURE.length, FILE_SIGNATURE, 0,
                FILE_SIGNATURE.length);
    }

    @Override
    protected Callable<EventBatch> advance() {
        if (recoveredNext) {
            finish();
            return recoveredTask();
        }
        try {
            if (!started) {
                started = true;
                if (!readHeader()) {
                    finish();
                    List<ReadProblem> problems = List.copyOf(headerProblems);
                    return () -> new EventBatch(List.of(), problems);
                }
                if (!headerProblems.isEmpty()) {
                    List<ReadProblem> problems = List.copyOf(headerProblems);
                    return () -> new EventBatch(List.of(), problems);
                }
            }
            return nextChunk();
        } catch (IOException e) {
            end();
            ReadProblem p = ReadProblem.error(source, "offset 0x" + Long.toHexString(position),
                    "read failed: " + e.getMessage());
            return () -> EventBatch.of(p);
        }
    }

    /** No chunk after the task being returned: then the recovered records, when recovering. */
    private void end() {
        if (recovery == null || chunkIndex == 0) {
            finish();
        } else {
            recoveredNext = true;
        }
    }

    /**
     * The file's last task: the recovered records. Chunk tasks the caller has not run yet are run
     * here (their batches are kept for the caller), and those running elsewhere are waited for, so
     * that every chunk has been carved whatever order the caller runs tasks in.
     */
    private Callable<EventBatch> recoveredTask() {
        RecoveredRecords records = recovery;
        Set<FutureTask<EventBatch>> pending = untaken;
        String src = source;
        return () -> {
            for (FutureTask<EventBatch> task : List.copyOf(pending)) {
                task.run();
                try {
                    task.get();
                } catch (ExecutionException e) {
                    // that chunk's task failed; the caller gets its failure, its carved records are lost
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the chunks of " + src, e);
                }
            }
            return records.batch();
        };
    }

    /** What carving this file gave, once its last task has run; null when not recovering. */
    RecoveredRecords.Counts recoveryCounts() {
        return recovery == null ? null : recovery.counts();
    }

    /** Reads and checks the file header; false when this is not an EVTX file at all. */
    private boolean readHeader() throws IOException {
        byte[] header = new byte[FILE_HEADER_SIZE];
        int n = in.readNBytes(header, 0, FILE_HEADER_SIZE);
        position = n;
        if (n == 0) {
            headerProblems.add(ReadProblem.error(source, "offset 0x0", "empty file, expected an EVTX file header"));
            return false;
        }
        if (n < FILE_HEADER_SIZE) {
            headerProblems.add(ReadProblem.error(source, "offset 0x" + Integer.toHexString(n), isEvtx(header, n)
                    ? "file ends inside the 4096-byte file header; no chunks"
                    : "not an EVTX file: expected the signature \"ElfFile\\0\" at offset 0"));
            return false;
        }
        if (!isEvtx(header, n)) {
            // A damaged signature need not cost the chunks: read on when the first chunk is there.
            byte[] first = in.readNBytes(EvtxChunk.SIGNATURE.length);
            pushedBack = first;
            if (first.length < EvtxChunk.SIGNATURE.length || !EvtxChunk.hasSignature(first, 0)) {
                headerProblems.add(ReadProblem.error(source, "offset 0x0",
                        "not an EVTX file: expected the signature \"ElfFile\\0\" at offset 0"));
                return false;
            }
            headerProblems.add(ReadProblem.warning(source, "file header at offset 0x0",
                    "file signature damaged, but a chunk follows at 0x1000; reading the chunks"));
        }
        CRC32 crc = new CRC32();
        crc.update(header, 0, 120);
        headerIntact = (int) crc.getValue() == i32(header, 124);
        if (!headerIntact) {
            headerProblems.add(ReadProblem.warning(source, "file header at offset 0x0",
                    "file header checksum mismatch; reading on"));
        }
        expectedChunks = expectedChunks(header);
        nextRecordId = i64(header, 24);
        return true;
    }

    /**
     * How many chunks the header says the file holds. The count field is trusted when the first and
     * last chunk numbers agree with it; otherwise the header is damaged, which is reported, and the
     * smaller claim is used so that a flipped bit never turns into a report of lost chunks.
     */
    private int expectedChunks(byte[] header) {
        long first = i64(header, 8);
        long last = i64(header, 16);
        int count = u16(header, 42);
        boolean consistent = count > 0 && (last + 1 == count || (last >= 0 && last < count && first == (last + 1) % count));
        if (consistent) {
            return count;
        }
        headerProblems.add(ReadProblem.warning(source, "file header at offset 0x0", "file header is inconsistent"
                + " (chunk count " + count + ", first chunk " + first + ", last chunk " + last
                + "); every chunk with a valid signature is read"));
        return (int) Math.max(0, Math.min(count, last < 0 || last >= 0xffff ? count : last + 1));
    }

    private Callable<EventBatch> nextChunk() throws IOException {
        while (true) {
            int index = chunkIndex;
            long offset = position;
            byte[] chunk = ChunkBuffers.take();
            int n;
            if (index >= expectedChunks) {
                // Past the header's count most slots are unused space: look at the signature first.
                n = fill(chunk, 0, EvtxChunk.SIGNATURE.length);
                if (n == EvtxChunk.SIGNATURE.length && EvtxChunk.hasSignature(chunk, 0)) {
                    n += fill(chunk, n, EvtxChunk.SIZE - n);
                } else if (recovery != null) {
                    // Unused space may hold records of a chunk whose header is gone: carve it.
                    n += fill(chunk, n, EvtxChunk.SIZE - n);
                    if (n == 0) {
                        ChunkBuffers.give(chunk);
                        return endOfFile();
                    }
                    chunkIndex++;
                    position += n;
                    if (allZero(chunk, n)) {
                        ChunkBuffers.give(chunk);
                        continue;
                    }
                    Arrays.fill(chunk, n, EvtxChunk.SIZE, (byte) 0);
                    return carveTask(chunk, offset);
                } else {
                    ChunkBuffers.give(chunk);
                    if (n == 0) {
                        return endOfFile();
                    }
                    chunkIndex++;
                    position += n + skip(EvtxChunk.SIZE - n);
                    continue;
                }
            } else {
                n = fill(chunk, 0, EvtxChunk.SIZE);
            }
            if (n == 0) {
                ChunkBuffers.give(chunk);
                return endOfFile();
            }
            chunkIndex++;
            position += n;
            boolean signed = n >= 8 && EvtxChunk.hasSignature(chunk, 0);
            if (signed && n >= 40) {
                lastRecordId = Math.max(lastRecordId, i64(chunk, 32));
            }
            if (!signed && allZero(chunk, n)) {
                ChunkBuffers.give(chunk);
                ReadProblem empty = ReadProblem.warning(source, EvtxChunk.where(index, offset),
                        "chunk slot is empty (all zero) although the header counts " + expectedChunks + " chunks");
                return () -> EventBatch.of(empty);
            }
            ReadProblem truncated = null;
            if (n < EvtxChunk.SIZE) {
                Arrays.fill(chunk, n, EvtxChunk.SIZE, (byte) 0);
                truncated = ReadProblem.error(source, EvtxChunk.where(index, offset), "file ends after " + n
                        + " of the chunk's 65536 bytes; records past the end are lost");
                end();
            }
            return parseTask(chunk, index, offset, truncated);
        }
    }

    private Callable<EventBatch> parseTask(byte[] chunk, int index, long offset, ReadProblem truncated) {
        String src = source;
        RecoveredRecords records = recovery;
        return untilTaken(() -> {
            EventBatch batch;
            try {
                batch = PARSERS.get().parse(chunk, src, index, offset, records);
            } finally {
                ChunkBuffers.give(chunk);
            }
            if (truncated == null) {
                return batch;
            }
            List<ReadProblem> problems = new ArrayList<>(batch.problems());
            problems.add(0, truncated);
            return new EventBatch(batch.events(), problems);
        });
    }

    /** A task that only carves a slot holding no chunk (recovering only); its batch is empty. */
    private Callable<EventBatch> carveTask(byte[] chunk, long offset) {
        String src = source;
        RecoveredRecords records = recovery;
        return untilTaken(() -> {
            try {
                PARSERS.get().carveOnly(chunk, src, offset, records);
            } finally {
                ChunkBuffers.give(chunk);
            }
            return new EventBatch(List.of(), List.of());
        });
    }

    /**
     * When recovering, wraps a chunk task so that the file's last task can run it or wait for it
     * ({@link #recoveredTask}); the caller still gets the chunk's batch from the returned task.
     */
    private Callable<EventBatch> untilTaken(Callable<EventBatch> work) {
        if (recovery == null) {
            return work;
        }
        FutureTask<EventBatch> task = new FutureTask<>(work);
        untaken.add(task);
        return () -> {
            task.run();
            try {
                return task.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            } finally {
                untaken.remove(task);
            }
        };
    }

    /** The end of the file: done, unless chunks the header counts are missing, or records were recovered. */
    private Callable<EventBatch> endOfFile() {
        end();
        if (chunkIndex < expectedChunks) {
            ReadProblem missing = missingChunks();
            return () -> EventBatch.of(missing);
        }
        if (recoveredNext) {
            finish();
            return recoveredTask();
        }
        return null;
    }

    /**
     * The file ended before the chunk count of the header. Records are lost only if the header is
     * intact (its checksum matches) and its next record id lies beyond the last record id the chunks
     * hold; otherwise the count is wrong or the header damaged, which is a warning.
     */
    private ReadProblem missingChunks() {
        String where = EvtxChunk.where(chunkIndex, position);
        String counted = "the header counts " + expectedChunks + " chunks, the file ends after " + chunkIndex;
        if (!headerIntact) {
            return ReadProblem.warning(source, where, counted + ", but the header is damaged (checksum mismatch),"
                    + " so its counts cannot tell whether chunks are missing");
        }
        if (Long.compareUnsigned(nextRecordId, lastRecordId + 1) > 0) {
            return ReadProblem.error(source, where, counted + "; records " + (lastRecordId + 1) + " to "
                    + (nextRecordId - 1) + " are missing (file truncated?)");
        }
        return ReadProblem.warning(source, where, counted + ", but the header's next record id " + nextRecordId
                + " says no record is missing");
    }

    /** Reads up to {@code length} bytes into {@code chunk} at {@code from}, first any bytes read ahead. */
    private int fill(byte[] chunk, int from, int length) throws IOException {
        int n = 0;
        if (pushedBack != null) {
            n = Math.min(pushedBack.length, length);
            System.arraycopy(pushedBack, 0, chunk, from, n);
            pushedBack = n == pushedBack.length ? null : Arrays.copyOfRange(pushedBack, n, pushedBack.length);
        }
        return n + in.readNBytes(chunk, from + n, length - n);
    }

    /** Skips up to {@code length} bytes; returns how many were skipped (fewer at the end of the file). */
    private long skip(long length) throws IOException {
        long done = 0;
        while (done < length) {
            long s = in.skip(length - done);
            if (s <= 0) {
                if (in.read() < 0) {
                    break;
                }
                s = 1;
            }
            done += s;
        }
        return done;
    }

    private static boolean allZero(byte[] b, int n) {
        return Arrays.mismatch(b, 0, n, ZEROS, 0, n) < 0;
    }

    /** Reads every chunk on the calling thread; for tests and small files. */
    public static List<EventBatch> readAll(InputStream in, String source) {
        return new EvtxReader(in, source).runAll();
    }

    /** Reads every chunk on the calling thread, recovering records when {@code recover}; for tests and small files. */
    public static List<EventBatch> readAll(InputStream in, String source, boolean recover) {
        return new EvtxReader(in, source, recover).runAll();
    }
}
