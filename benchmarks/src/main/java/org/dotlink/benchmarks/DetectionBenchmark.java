package org.dotlink.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dotlink.core.Event;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.evtx.EvtxReader;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.index.RuleIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Detection speed over real events: every record of the shared EVTX files, parsed once into memory,
 * matched against a rule index holding one rule or every Windows rule of SigmaHQ (rules/,
 * rules-emerging-threats/, rules-threat-hunting/). One operation is one event, so the score is events
 * per second on one thread; compare it with {@link ChunkParseBenchmark}'s records per second.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Detection -jvmArgs -Ddotlink.shared.data=DIR}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectionBenchmark {

    /** {@code one}: a single process-creation rule; {@code windows}: every Windows rule. */
    @Param({"one", "windows"})
    public String rules;

    private List<Event> events;
    private RuleIndex.Matcher matcher;
    private final List<CompiledRule> out = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path data = SharedEvtxChunks.dataDir();
        events = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".evtx")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    for (EventBatch b : EvtxReader.readAll(in, p.toString())) {
                        events.addAll(b.events());
                    }
                }
            }
        }
        matcher = SharedSigmaRules.index(rules).matcher();
        System.out.printf("%d events%n", events.size());
    }

    @Benchmark
    public int matchOneEvent() {
        Event e = events.get(next);
        next = next + 1 == events.size() ? 0 : next + 1;
        out.clear();
        matcher.match(e, out);
        return out.size();
    }
}
