package org.dotlink.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.dotlink.store.Store;

/**
 * The findings the server reads: a store opened read-only, with a few connections to it so that
 * requests run side by side (a {@link Store} is one connection for one thread at a time). With
 * {@code --from}, the hunt's {@code findings.jsonl} is first loaded into a temporary store file, which
 * is then reopened read-only and deleted on {@link #close()}.
 */
public final class FindingsDb implements AutoCloseable {

    /** DuckDB threads per query: requests, not the parts of one query, are what runs in parallel. */
    static final int QUERY_THREADS = 1;

    private final Path file;
    private final Path temporary;
    private final List<Store> all = new ArrayList<>();
    private final BlockingQueue<Store> idle;
    private final List<String> problems;

    private FindingsDb(Path file, Path temporary, int connections, List<String> problems) {
        this.file = file;
        this.temporary = temporary;
        this.problems = List.copyOf(problems);
        this.idle = new ArrayBlockingQueue<>(connections);
        Store first = Store.openReadOnly(file);
        // Requests run side by side on their own connections; one thread per query avoids every query
        // competing for every core (measured in BENCHMARKS.md, "Web UI").
        first.query("SET threads = " + QUERY_THREADS);
        all.add(first);
        for (int i = 1; i < connections; i++) {
            all.add(first.duplicate());
        }
        idle.addAll(all);
    }

    /** The connections opened per database: enough for both cores and requests waiting on I/O. */
    static int defaultConnections() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    /** A store file, opened read-only. */
    public static FindingsDb open(Path db) {
        return new FindingsDb(db, null, defaultConnections(), List.of());
    }

    /**
     * A hunt's {@code findings.jsonl}, loaded into a temporary store (in {@code tempDir}) that is opened
     * read-only once loaded; lines that cannot be read are listed in {@link #problems()}.
     */
    public static FindingsDb load(Path findingsJsonl, Path tempDir) throws IOException {
        Path dir = Files.createTempDirectory(tempDir, "dotlink-serve-");
        Path db = dir.resolve("findings.duckdb");
        FindingsJsonl findings = new FindingsJsonl(findingsJsonl);
        try (Store store = Store.open(db)) {
            store.addFindings(findings, source -> source);
        } catch (RuntimeException e) {
            deleteQuietly(db, dir);
            throw e;
        }
        try {
            return new FindingsDb(db, dir, defaultConnections(), findings.problems());
        } catch (RuntimeException e) {
            deleteQuietly(db, dir);
            throw e;
        }
    }

    /** The database file read. */
    public Path file() {
        return file;
    }

    /** Whether the findings were loaded from a hunt's output folder into a temporary store. */
    public boolean loadedFromFolder() {
        return temporary != null;
    }

    /** Findings lines that could not be loaded (with {@code --from}). */
    public List<String> problems() {
        return problems;
    }

    /** Runs {@code work} with a connection of its own, waiting for one when all are busy. */
    public <T> T with(Function<Store, T> work) {
        Store store;
        try {
            store = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a database connection", e);
        }
        try {
            return work.apply(store);
        } finally {
            idle.add(store);
        }
    }

    @Override
    public void close() {
        for (Store s : all) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // closing the others matters more
            }
        }
        if (temporary != null) {
            deleteQuietly(file, temporary);
        }
    }

    private static void deleteQuietly(Path db, Path dir) {
        try {
            Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".wal"));
            Files.deleteIfExists(db);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }
}
