package org.dotlink.store;

import static org.dotlink.store.TestEvents.BY_NAME;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.dotlink.core.Event;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rough load-rate measurement, not a benchmark and not an assertion: 200,000 generated events
 * stored into a new database, then again (all duplicates), five rounds in one JVM, printing rows per
 * second and the file size. Runs only with {@code -Ddotlink.measure=true}.
 */
class StoreLoadMeasure {

    @TempDir
    Path tmp;

    @Test
    void measure() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("dotlink.measure"), "set -Ddotlink.measure=true to measure; skipped");
        List<Event> events = IntStream.range(0, 200_000).mapToObj(i -> TestEvents.generated("big.evtx", i)).toList();
        for (int round = 0; round < 5; round++) {
            Path db = tmp.resolve("round" + round + ".duckdb");
            try (Store store = Store.open(db)) {
                long start = System.nanoTime();
                long added = store.addEvents(events, BY_NAME);
                double first = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                long again = store.addEvents(events, BY_NAME);
                double second = (System.nanoTime() - start) / 1e9;
                System.out.printf("round %d: %,d new events in %.2f s (%,.0f rows/s); again: %,d new in %.2f s"
                        + " (%,.0f rows/s)%n", round, added, first, added / first, again, second, events.size() / second);
            }
            System.out.printf("  file: %,d bytes%n", Files.size(db));
        }
    }
}
