package org.dotlink.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.dotlink.ingest.evtx.EvtxChunk;

/** Every chunk of every {@code .evtx} under the shared data folder, loaded into memory once. */
final class SharedEvtxChunks {

    private static final byte[] CHUNK_SIGNATURE = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};

    private SharedEvtxChunks() {}

    static Path dataDir() {
        Path dir = Path.of(System.getProperty("dotlink.shared.data", "../shared/data"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("shared data not found at " + dir.toAbsolutePath()
                    + "; run from the repository root or pass -Ddotlink.shared.data=DIR");
        }
        return dir;
    }

    static List<byte[]> load() throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dataDir())) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".evtx")).sorted().toList()) {
                byte[] file = Files.readAllBytes(p);
                for (int off = 4096; off + EvtxChunk.SIZE <= file.length; off += EvtxChunk.SIZE) {
                    if (Arrays.equals(file, off, off + 8, CHUNK_SIGNATURE, 0, 8)) {
                        chunks.add(Arrays.copyOfRange(file, off, off + EvtxChunk.SIZE));
                    }
                }
            }
        }
        return chunks;
    }
}
