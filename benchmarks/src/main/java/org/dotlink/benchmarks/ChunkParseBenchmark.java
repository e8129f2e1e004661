package org.dotlink.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dotlink.core.json.EventJson;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.evtx.EvtxChunk;
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
 * Parsing throughput of the EVTX chunk parser on one thread, over every chunk of the shared sample
 * files held in memory (no I/O). The {@code records} counter is records per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ChunkParseBenchmark {

    private List<byte[]> chunks;
    private final EvtxChunk parser = new EvtxChunk();

    @Setup
    public void load() throws IOException {
        chunks = SharedEvtxChunks.load();
    }

    /** Parse every chunk into events. */
    @Benchmark
    public void parse(RecordCounter counter, Blackhole bh) {
        for (int i = 0; i < chunks.size(); i++) {
            EventBatch batch = parser.parse(chunks.get(i), "bench.evtx", i, 4096L + 65536L * i);
            counter.records += batch.events().size();
            bh.consume(batch);
        }
    }

    /** Parse every chunk and write its events as JSON lines, as {@code dotlink events} does. */
    @Benchmark
    public void parseAndWriteJson(RecordCounter counter, Blackhole bh) {
        for (int i = 0; i < chunks.size(); i++) {
            EventBatch batch = parser.parse(chunks.get(i), "bench.evtx", i, 4096L + 65536L * i);
            counter.records += batch.events().size();
            bh.consume(EventJson.lines(batch.events()));
        }
    }
}
