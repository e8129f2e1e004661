package org.dotlink.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dotlink.core.Event;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.evtx.EvtxChunk;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.index.RuleIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What detection costs beside parsing, as a hunt's worker pays it: every chunk of the shared EVTX files
 * (held in memory, no I/O) parsed, and each chunk's events matched against the rule index right after,
 * while they are fresh. {@code rules=none} parses only, so one run gives both sides of the ratio the
 * detection target speaks of (records per second with every Windows rule against parsing alone); the
 * {@code records} counter is records per second on one thread.
 *
 * <p>{@link DetectionBenchmark} measures the matcher alone over events parsed once at set-up, which a pass
 * over them reads back from main memory; this one keeps each event where parsing left it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ParseAndDetectBenchmark {

    /** {@code none}: parse only; {@code one}: one process-creation rule; {@code windows}: every Windows rule. */
    @Param({"none", "one", "windows"})
    public String rules;

    private List<byte[]> chunks;
    private final EvtxChunk parser = new EvtxChunk();
    private RuleIndex.Matcher matcher;
    private final List<CompiledRule> out = new ArrayList<>();

    @Setup
    public void load() throws IOException {
        chunks = SharedEvtxChunks.load();
        matcher = rules.equals("none") ? null : SharedSigmaRules.index(rules).matcher();
    }

    /** Parse every chunk, and match each chunk's events unless {@code rules=none}. */
    @Benchmark
    public void parseAndDetect(RecordCounter counter, Blackhole bh) {
        for (int i = 0; i < chunks.size(); i++) {
            EventBatch batch = parser.parse(chunks.get(i), "bench.evtx", i, 4096L + 65536L * i);
            List<Event> events = batch.events();
            counter.records += events.size();
            if (matcher != null) {
                int matched = 0;
                for (int k = 0; k < events.size(); k++) {
                    out.clear();
                    matcher.match(events.get(k), out);
                    matched += out.size();
                }
                bh.consume(matched);
            }
            bh.consume(batch);
        }
    }
}
