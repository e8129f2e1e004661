package org.dotlink.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.evtx.EvtxReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What recovering records from slack costs: every shared {@code .evtx} file, held in memory, read
 * whole by {@link EvtxReader} on one thread, without and with recovery. The {@code records} counter
 * is records per second (recovered ones included); the score, files read per second, compares the two.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RecoveryBenchmark {

    private List<byte[]> files;

    @Setup
    public void load() throws IOException {
        files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(SharedEvtxChunks.dataDir())) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".evtx")).sorted().toList()) {
                files.add(Files.readAllBytes(p));
            }
        }
    }

    /** The allocated records only (the default). */
    @Benchmark
    public void allocated(RecordCounter counter, Blackhole bh) {
        read(false, counter, bh);
    }

    /** The allocated records and those recovered from slack. */
    @Benchmark
    public void recovering(RecordCounter counter, Blackhole bh) {
        read(true, counter, bh);
    }

    private void read(boolean recover, RecordCounter counter, Blackhole bh) {
        for (byte[] file : files) {
            for (EventBatch batch : EvtxReader.readAll(new ByteArrayInputStream(file), "bench.evtx", recover)) {
                counter.records += batch.events().size();
                bh.consume(batch);
            }
        }
    }
}
