package org.dotlink.ingest.evtx;

import static org.dotlink.ingest.evtx.LittleEndian.i32;
import static org.dotlink.ingest.evtx.LittleEndian.u16;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;

/**
 * Reads an EVTX file as a stream: the file header, then one parse task per 64 KiB chunk. The caller
 * pulls tasks in file order on one thread (this does the I/O) and may run them on others (they do
 * the parsing); each task returns its chunk's events in record order. Memory is one chunk per task
 * in flight, whatever the file size.
 *
 * <p>Chunks the header does not count are read too when they carry the chunk signature; slots past
 * the count without it are unused space.
 */
public final class EvtxReader implements Iterator<Callable<EventBatch>> {

    public static final byte[] FILE_SIGNATURE = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};
    static final int FILE_HEADER_SIZE = 4096;
    private static final ThreadLocal<EvtxChunk> PARSERS = ThreadLocal.withInitial(EvtxChunk::new);

    private final InputStream in;
    private final String source;
    private final List<ReadProblem> headerProblems = new ArrayList<>();
    private int declaredChunks;
    private long position;
    private int chunkIndex;
    private Callable<EventBatch> next;
    private boolean started;
    private boolean finished;

    /** @param in the file's bytes from its start; closed by the caller */
    public EvtxReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** True when {@code head} (at least 8 bytes) starts with the EVTX file signature. */
    public static boolean isEvtx(byte[] head, int length) {
        return length >= FILE_SIGNATURE.length && Arrays.equals(head, 0, FILE_SIGNATURE.length, FILE_SIGNATURE, 0,
                FILE_SIGNATURE.length);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public Callable<EventBatch> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Callable<EventBatch> n = next;
        next = null;
        return n;
    }

    private Callable<EventBatch> advance() {
        try {
            if (!started) {
                started = true;
                if (!readHeader()) {
                    finished = true;
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
            finished = true;
            ReadProblem p = ReadProblem.error(source, "offset 0x" + Long.toHexString(position),
                    "read failed: " + e.getMessage());
            return () -> EventBatch.of(p);
        }
    }

    /** Reads and checks the file header; false when this is not an EVTX file at all. */
    private boolean readHeader() throws IOException {
        byte[] header = new byte[FILE_HEADER_SIZE];
        int n = in.readNBytes(header, 0, FILE_HEADER_SIZE);
        position = n;
        if (!isEvtx(header, n)) {
            headerProblems.add(ReadProblem.error(source, "offset 0x0", n == 0 ? "empty file, expected an EVTX file header"
                    : "not an EVTX file: expected the signature \"ElfFile\\0\" at offset 0"));
            return false;
        }
        if (n < 128) {
            headerProblems.add(ReadProblem.error(source, "offset 0x0", "file ends after " + n
                    + " bytes, inside the 4096-byte file header"));
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(header, 0, 120);
        if ((int) crc.getValue() != i32(header, 124)) {
            headerProblems.add(ReadProblem.warning(source, "file header at offset 0x0",
                    "file header checksum mismatch; reading on"));
        }
        declaredChunks = u16(header, 42);
        int blockSize = u16(header, 40);
        if (blockSize != FILE_HEADER_SIZE) {
            headerProblems.add(ReadProblem.warning(source, "file header at offset 0x0", "header block size "
                    + blockSize + ", expected 4096; chunks read from offset 0x1000"));
        }
        if (n < FILE_HEADER_SIZE) {
            headerProblems.add(ReadProblem.error(source, "offset 0x" + Integer.toHexString(n),
                    "file ends inside the 4096-byte file header; no chunks"));
            return false;
        }
        return true;
    }

    private Callable<EventBatch> nextChunk() throws IOException {
        while (true) {
            byte[] chunk = new byte[EvtxChunk.SIZE];
            int n = in.readNBytes(chunk, 0, EvtxChunk.SIZE);
            if (n == 0) {
                finished = true;
                return null;
            }
            int index = chunkIndex++;
            long offset = position;
            position += n;
            boolean signed = n >= 8 && EvtxChunk.hasSignature(chunk, 0);
            if (!signed && index >= declaredChunks) {
                continue; // unused space after the last chunk the header counts
            }
            ReadProblem truncated = n < EvtxChunk.SIZE
                    ? ReadProblem.error(source, EvtxChunk.where(index, offset), "file ends after " + n
                            + " of the chunk's 65536 bytes; records past the end are lost")
                    : null;
            if (truncated != null) {
                finished = true;
            }
            String src = source;
            return () -> {
                EventBatch batch = PARSERS.get().parse(chunk, src, index, offset);
                if (truncated == null) {
                    return batch;
                }
                List<ReadProblem> problems = new ArrayList<>(batch.problems());
                problems.add(0, truncated);
                return new EventBatch(batch.events(), problems);
            };
        }
    }

    /** Reads every chunk on the calling thread; for tests and small files. */
    public static List<EventBatch> readAll(InputStream in, String source) {
        List<EventBatch> out = new ArrayList<>();
        EvtxReader reader = new EvtxReader(in, source);
        while (reader.hasNext()) {
            try {
                out.add(reader.next().call());
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new UncheckedIOException(new IOException(e));
            }
        }
        return out;
    }
}
