package org.dotlink.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dotlink.cli.hunt.AssetsFile;
import org.dotlink.cli.hunt.ClusterOutput;
import org.dotlink.cli.hunt.StoryOutput;
import org.dotlink.cli.hunt.Summary;
import org.dotlink.cli.hunt.Timeline;
import java.time.Instant;
import org.dotlink.core.ActivityCluster;
import org.dotlink.core.AssetRoles;
import org.dotlink.core.Detection;
import org.dotlink.core.Finding;
import org.dotlink.core.RuleInfo;
import org.dotlink.core.Story;
import org.dotlink.core.Level;
import org.dotlink.core.json.FindingJson;
import org.dotlink.core.json.JsonLineWriter;
import org.dotlink.ingest.EventBatch;
import org.dotlink.intel.AttackBundleLocator;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.export.AttackExports;
import org.dotlink.intel.export.TechniqueCounts;
import org.dotlink.report.FindingTable;
import org.dotlink.report.ReportData;
import org.dotlink.report.ReportWriter;
import org.dotlink.ingest.EventSources;
import org.dotlink.ingest.InputDiscovery;
import org.dotlink.ingest.ReadOptions;
import org.dotlink.ingest.SourceIdentity;
import org.dotlink.sigma.builtin.BuiltinRules;
import org.dotlink.sigma.correlation.CorrelationEngine;
import org.dotlink.sigma.correlation.InMemoryCorrelationState;
import org.dotlink.sigma.hunt.Detector;
import org.dotlink.sigma.hunt.RuleSet;
import org.dotlink.sigma.index.RuleIndex;
import org.dotlink.sigma.rule.RuleCache;
import org.dotlink.story.EventFacts;
import org.dotlink.story.FactExtractor;
import org.dotlink.story.StoryBuilder;
import org.dotlink.store.Store;
import org.dotlink.store.StoreException;
import org.dotlink.cli.hunt.StoredEvents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dotlink hunt}: Sigma rules over a collection of logs; findings, timeline and summary. */
@Command(name = "hunt", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run Sigma rules over logs and write what fired where.%n%n"
                + "Reads the same inputs as 'dotlink events' (EVTX, JSON exports, IIS/Exchange W3C logs, archives; "
                + "folders recursively) on all cores, and connects the findings into attack stories through the "
                + "entities they share (process trees, logon sessions, hosts reached from others, files dropped then "
                + "run). Writes to --out: findings.jsonl (one detection per line, with its story), timeline.csv "
                + "(findings by time), stories.json (stories, best first, with the links that explain them), "
                + "summary.json, report.html (the whole hunt for people, one offline file), attack-layer.json and layers/ (ATT&CK "
                + "Navigator), stix-bundle.json (STIX 2.1) and misp-event.json (MISP); and prints a summary: findings per level, top rules and hosts, ATT&CK tactics and "
                + "techniques, top stories, inputs skipped or damaged.")
final class HuntCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The rules' index and correlations, from loading the rules until the input has been read. */
    private Detector detector;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files, archives, or folders holding them.")
    List<String> paths;

    @Option(names = "--rules", paramLabel = "DIR|FILE",
            description = "Sigma rules (.yml files or folders; repeatable), run with the built-in rules. Parsed rule "
                    + "files are kept in ~/.dotlink/rules ($DOTLINK_RULE_CACHE: another folder, or off).")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Do not load Dotlink's own rules (Exchange exploitation, web"
            + " shells, credential theft, lateral movement, staging and tunnels as in the Soft Cell and DeadRinger"
            + " intrusions).")
    boolean noBuiltinRules;

    @Option(names = "--placeholders", paramLabel = "FILE",
            description = "YAML mapping of placeholder name to values, for rules with the 'expand' modifier.")
    Path placeholders;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("dotlink-out");

    @Option(names = "--min-level", paramLabel = "LEVEL",
            description = "Report findings of this level and above: informational, low, medium, high, critical"
                    + " (default: ${DEFAULT-VALUE}).")
    String minLevel = "informational";

    @Option(names = "--assets", paramLabel = "FILE",
            description = "Host roles: CSV 'host-pattern,role[,critical]' or YAML. Findings carry the role; a finding"
                    + " on a critical asset (domain-controller, exchange, billing-cdr, ... by default) is raised one level.")
    Path assetsFile;

    @Option(names = "--db", paramLabel = "FILE",
            description = "Also store every event and finding in this DuckDB file (created when missing; schema in"
                    + " docs/STORE.md). Running again over the same input adds nothing twice. Query it with"
                    + " 'dotlink query --db FILE SQL'.")
    Path db;

    @Option(names = "--attack", paramLabel = "FILE",
            description = "ATT&CK STIX bundle for attribution (default: $DOTLINK_ATTACK, else the cache that"
                    + " 'dotlink attack update' fills). Without one, everything but attribution runs.")
    Path attack;

    @Option(names = "--recover", description = "Also hunt in EVTX records carved from slack (deleted or overwritten,"
            + " e.g. before a log was cleared); their findings are marked \"recovered\": true and counted apart.")
    boolean recover;

    @Option(names = "--no-stories", description = "Do not connect findings into stories (stories.json is not written"
            + " and findings have no story).")
    boolean noStories;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--quiet", description = "No progress line and no summary on the terminal; problems are still listed.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Level min;
        AssetRoles assets;
        RuleSet ruleSet;
        try {
            min = Level.parse(minLevel);
            assets = AssetsFile.read(assetsFile);
            for (Path p : rules) {
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException(p + ": no such rule file or folder");
                }
            }
            ruleSet = RuleSet.load(rules, noBuiltinRules ? null : BuiltinRules.load(), RuleSet.placeholders(placeholders),
                    RuleCache.fromEnvironment());
        } catch (IllegalArgumentException e) {
            err.println("dotlink hunt: " + e.getMessage());
            err.flush();
            return Dotlink.EXIT_USAGE;
        }
        ruleSet.failures().forEach(f -> err.println("rule not loaded: " + f));
        if (ruleSet.rules().isEmpty()) {
            err.println("dotlink hunt: no rules to run; give --rules DIR|FILE or leave out --no-builtin-rules");
            err.flush();
            return Dotlink.EXIT_USAGE;
        }
        CorrelationEngine correlations = new CorrelationEngine(ruleSet.correlations(), new InMemoryCorrelationState());
        detector = new Detector(new RuleIndex(ruleSet.rules()), assets, correlations);
        if (!quiet) {
            err.printf("dotlink hunt: %,d rules and %,d correlations loaded (%,d not loaded, %,d matched on fields alone,"
                            + " %,d for other products' logs not run)%n", ruleSet.rules().size(),
                    ruleSet.correlations().size(), ruleSet.failures().size(), ruleSet.unmapped(), ruleSet.foreignCount());
            err.flush();
        }

        Files.createDirectories(out);
        Store store = null;
        if (db != null) {
            try {
                store = Store.open(db);
            } catch (StoreException e) {
                err.println("dotlink hunt: " + e.getMessage());
                err.flush();
                return e.reason() == StoreException.Reason.FAILED ? Dotlink.EXIT_INPUT_PROBLEMS : Dotlink.EXIT_USAGE;
            }
        }
        try {
            return run(start, err, stdout, min, ruleSet, store);
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    private int run(long start, PrintWriter err, PrintWriter stdout, Level min, RuleSet ruleSet, Store store)
            throws IOException {
        SourceIdentity identity = new SourceIdentity();
        StoredEvents storedEvents = store == null ? null : new StoredEvents(store, identity);
        List<Finding> forStore = new ArrayList<>();
        ProblemLog problems = new ProblemLog(err);
        InputDiscovery found = new InputDiscovery(paths);
        EventSources sources = new EventSources(found, new ReadOptions(recover));
        Map<String, Long> recoveredPerFile = new java.util.TreeMap<>();
        Summary summary = new Summary();
        Timeline timeline = new Timeline();
        FindingTable.Builder tableRows = new FindingTable.Builder(FindingTable.MAX_ROWS);
        List<RuleInfo> ruleOfFinding = new ArrayList<>();
        long[] events = {0};
        StoryBuilder stories = new StoryBuilder();
        List<Detection> correlationInputs = new ArrayList<>();
        Path partial = out.resolve("findings.jsonl.partial");
        StoryOutput.Lines findingLines = new StoryOutput.Lines();
        try (OutputStream findingsOut = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20);
             Progress progress = Progress.start("dotlink hunt", quiet)) {
            OrderedParallel.run(sources,
                    (EventBatch batch) -> {
                        Detector.Result detected = detector.detect(batch.events());
                        List<Finding> fs = detected.findings();
                        fs.removeIf(f -> f.level().compareTo(min) < 0);
                        // every event's facts for the story tables; a finding's event's facts read once, kept for it
                        List<EventFacts> facts = new ArrayList<>();
                        Map<org.dotlink.core.Event, EventFacts> factsOfFound = new IdentityHashMap<>();
                        if (!noStories) {
                            fs.forEach(f -> factsOfFound.put(f.detection().event(), null));
                            EventFacts[] all = FactExtractor.of(batch.events());
                            for (int i = 0; i < all.length; i++) {
                                if (all[i] != null) {
                                    facts.add(all[i]);
                                }
                            }
                            if (!factsOfFound.isEmpty()) {
                                for (int i = 0; i < all.length; i++) {
                                    var e = batch.events().get(i);
                                    if (factsOfFound.containsKey(e)) {
                                        factsOfFound.put(e, all[i]);
                                    }
                                }
                            }
                        }
                        // where each line's story goes, to fill it in without reading the lines again
                        int[] storyAt = noStories ? null : new int[fs.size()];
                        int[] lengths = noStories ? null : new int[fs.size()];
                        return new Found(batch, fs, FindingJson.lines(fs, noStories ? null : StoryOutput.PENDING,
                                storyAt, lengths), storyAt, lengths,
                                fs.stream().map(Timeline::row).toList(),
                                fs.stream().map(FindingTable.Builder::row).toList(), facts,
                                noStories ? List.of() : fs.stream()
                                        .map(f -> StoryBuilder.prepare(f, factsOfFound.get(f.detection().event()))).toList(),
                                detected.correlationInputs());
                    },
                    found1 -> {
                        try {
                            found1.json().writeTo(findingsOut);
                            if (!noStories) {
                                findingLines.add(found1.storyAt(), found1.lengths(), found1.findings().size());
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        events[0] += found1.batch().events().size();
                        if (recover) {
                            for (var e : found1.batch().events()) {
                                if (e.recovered()) {
                                    recoveredPerFile.merge(e.source(), 1L, Long::sum);
                                }
                            }
                        }
                        found1.facts().forEach(stories::observe);
                        if (storedEvents != null) {
                            storedEvents.add(found1.batch().events());
                            forStore.addAll(found1.findings());
                        }
                        correlationInputs.addAll(found1.correlationInputs());
                        for (int i = 0; i < found1.findings().size(); i++) {
                            Finding f = found1.findings().get(i);
                            summary.add(f);
                            timeline.add(f, found1.timelineRows().get(i));
                            tableRows.add(f, found1.tableRows().get(i));
                            ruleOfFinding.add(f.rule());
                            if (!noStories) {
                                stories.add(f, found1.forStories().get(i));
                            }
                        }
                        found1.batch().problems().forEach(problems::report);
                        progress.records(found1.batch().events().size(), sources.filesRead(),
                                problems.damagedSources() + problems.warnings(), summary.findings());
                    },
                    Math.max(1, threads));
            // correlation rules: their inputs in event-time order, then the findings they make
            List<Finding> correlated = detector.correlate(correlationInputs);
            // the rule index (hundreds of MB with every rule) and the correlations' inputs are done with: the
            // stories, the report and the exports that follow have the memory
            detector = null;
            correlationInputs.clear();
            correlated.removeIf(f -> f.level().compareTo(min) < 0);
            int[] storyAt = new int[correlated.size()];
            int[] lengths = new int[correlated.size()];
            FindingJson.lines(correlated, noStories ? null : StoryOutput.PENDING, storyAt, lengths).writeTo(findingsOut);
            findingLines.add(storyAt, lengths, correlated.size());
            if (storedEvents != null) {
                forStore.addAll(correlated);
            }
            for (Finding f : correlated) {
                summary.add(f);
                timeline.add(f);
                tableRows.add(f);
                ruleOfFinding.add(f.rule());
                if (!noStories) {
                    stories.add(f);
                }
            }
        } catch (UncheckedIOException e) {
            err.println("dotlink hunt: could not write to " + out + ": " + e.getCause().getMessage());
            err.flush();
            return Dotlink.EXIT_INPUT_PROBLEMS;
        }
        found.problems().forEach(problems::report);
        // timeline.csv needs no story: it is written on another thread while the stories are built; then that thread
        // builds and writes the clusters, counts the techniques, makes the report's finding table, writes the ATT&CK
        // exports and last fills the story ids into findings.jsonl, while stories.json, the summary and the report are
        // written here (the report, which needs the table, then does not wait for the story ids). None of them needs
        // another's output but the exports, which need the clusters made before them on the same thread.
        ExecutorService beside = Executors.newSingleThreadExecutor();
        long storyStart = System.nanoTime();
        double storySeconds;
        StoryBuilder.Result built;
        ClusterOutput.Result clusters = null;
        AttackKnowledgeBase kb = null;
        Future<Exported> exported;
        Future<Void> ids = null;
        try {
            Future<Void> timelineWritten = beside.submit(() -> {
                timeline.write(out.resolve("timeline.csv"));
                return null;
            });
            built = stories.build();
            Future<ClusterOutput.Result> clustered = null;
            if (noStories) {
                Files.move(partial, out.resolve("findings.jsonl"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(out.resolve("stories.json"));
                Files.deleteIfExists(out.resolve("clusters.json"));
            } else {
                clustered = beside.submit(() -> {
                    var where = AttackBundleLocator.system().locate(attack);
                    String note = where.message();
                    AttackKnowledgeBase loaded = null;
                    if (where.file() != null) {
                        try {
                            loaded = AttackKnowledgeBase.load(where.file());
                        } catch (RuntimeException e) {
                            note = e.getMessage();
                        }
                    }
                    ClusterOutput.Result r = ClusterOutput.build(built.stories(), loaded, note);
                    ClusterOutput.write(out.resolve("clusters.json"), r);
                    return r;
                });
            }
            // the report and the exports show stories by id; the exports are written on the second thread once the
            // clusters are made there, the report after the summary
            Future<ClusterOutput.Result> clustersMade = clustered;
            exported = beside.submit(() -> {
                ClusterOutput.Result made = clustersMade == null ? null : clustersMade.get();
                IntFunction<String> storyOf = i -> noStories ? null : built.stories().get(built.storyOfFinding()[i]).id();
                TechniqueCounts techniques = new TechniqueCounts();
                for (int i = 0; i < ruleOfFinding.size(); i++) {
                    RuleInfo rule = ruleOfFinding.get(i);
                    techniques.add(storyOf.apply(i), rule.techniques(), rule.title());
                }
                FindingTable table = tableRows.build(storyOf);
                List<ActivityCluster> clusterList = made == null ? List.of() : made.clusters();
                return new Exported(techniques, table, clusterList,
                        AttackExports.write(out, clusterList, techniques, made == null ? null : made.kb(), Instant.now()));
            });
            if (!noStories) {
                ids = beside.submit(() -> {
                    StoryOutput.fillStoryIds(partial, out.resolve("findings.jsonl"), findingLines,
                            built.storyOfFinding(), built.stories());
                    return null;
                });
                StoryOutput.writeStories(out.resolve("stories.json"), built.stories(), summary.findings());
                clusters = clustered.get();
                kb = clusters.kb();
                summary.stories.put("clusters", clusters.clusters().size());
            }
            storySeconds = (System.nanoTime() - storyStart) / 1e9;
            timelineWritten.get();
        } catch (ExecutionException e) {
            throw rethrown(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the timeline and the clusters");
        } finally {
            beside.shutdown();
        }
        long newEvents = 0;
        long newFindings = 0;
        if (store != null) {
            newEvents = storedEvents.flush();
            List<Finding> withStories = new ArrayList<>(forStore.size());
            for (int i = 0; i < forStore.size(); i++) {
                withStories.add(noStories ? forStore.get(i)
                        : forStore.get(i).withStory(built.stories().get(built.storyOfFinding()[i]).id()));
            }
            newFindings = store.addFindings(withStories, identity);
            summary.run.put("db", db.toString());
            summary.run.put("db_events_added", newEvents);
            summary.run.put("db_findings_added", newFindings);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        summary.run.put("command", "hunt");
        summary.run.put("seconds", Math.round(seconds * 100) / 100.0);
        summary.run.put("events_per_second", Math.round(events[0] / Math.max(seconds, 1e-9)));
        summary.run.put("min_level", min.label());
        summary.run.put("story_building_seconds", Math.round(storySeconds * 100) / 100.0);
        summary.stories.put("total", built.stories().size());
        summary.stories.put("top", built.stories().stream().limit(10).map(HuntCommand::storyLine).toList());
        summary.inputs.put("paths", paths);
        summary.inputs.put("files_read", sources.filesRead());
        summary.inputs.put("events", events[0]);
        if (recover) {
            summary.inputs.put("recovered_events", recoveredPerFile.values().stream().mapToLong(Long::longValue).sum());
            summary.inputs.put("recovered_per_file", recoveredPerFile);
        }
        summary.inputs.put("skipped_unknown_format", sources.skipped());
        summary.inputs.put("archive_entries_skipped", sources.skippedMembers().size());
        summary.inputs.put("damaged_inputs", problems.damagedSources());
        summary.inputs.put("warnings", problems.warnings());
        summary.inputs.put("problems", problems.messages());
        summary.rules.put("loaded", ruleSet.rules().size());
        summary.rules.put("correlations", ruleSet.correlations().size());
        summary.rules.put("not_loaded", ruleSet.failures().size());
        summary.rules.put("unmapped_logsource", ruleSet.unmapped());
        summary.rules.put("other_products_not_run", ruleSet.foreign());
        summary.rules.put("failures", ruleSet.failures());
        summary.writeJson(out.resolve("summary.json"));
        // the report shows the summary, so it comes last; what it needs of each finding was kept as the findings
        // went by, and made into its table beside the stories' outputs
        Exported made = await(exported, "writing the ATT&CK exports");
        AttackExports.Written exports = made.exports();
        ReportWriter.write(out, new ReportData(summary.toMap(), made.table(),
                made.techniques(), built.stories(), made.clusters(), clusters == null ? List.of() : clusters.overlaps(),
                kb, clusters == null ? "stories were not built (--no-stories)" : clusters.attackNote()));
        if (ids != null) {
            await(ids, "writing the story ids into findings.jsonl");
        }

        if (!quiet) {
            err.printf(Locale.ROOT, "dotlink hunt: %,d events from %,d files in %.2f s (%,.0f events/s); %d skipped as"
                            + " unknown format; %d archive entries skipped; %d damaged inputs; %d warnings%n",
                    events[0], sources.filesRead(), seconds, events[0] / Math.max(seconds, 1e-9),
                    sources.skipped().size(), sources.skippedMembers().size(), problems.damagedSources(),
                    problems.warnings());
            err.flush();
            summary.print(stdout);
            if (!noStories) {
                StoryOutput.print(stdout, built.stories(), summary.findings(), 10);
                ClusterOutput.print(stdout, clusters, 10);
            }
            stdout.printf("Outputs in %s: findings.jsonl, timeline.csv, stories.json, clusters.json, summary.json,"
                    + " report.html, attack-layer.json, layers/, stix-bundle.json, misp-event.json%n", out);
            if (exports.note() != null) {
                stdout.println("  " + exports.note());
            }
            if (store != null) {
                stdout.printf("Stored in %s: %,d new events, %,d new findings (already stored ones are skipped)%n", db,
                        newEvents, newFindings);
            }
            stdout.flush();
        }
        return problems.damagedSources() > 0 ? Dotlink.EXIT_INPUT_PROBLEMS : Dotlink.EXIT_OK;
    }

    /**
     * What a worker made of one batch: findings, their JSON lines (and where each line's story member is, with
     * stories), timeline and table rows, facts for stories.
     */
    private record Found(EventBatch batch, List<Finding> findings, JsonLineWriter json, int[] storyAt, int[] lengths,
                         List<String> timelineRows, List<FindingTable.Row> tableRows, List<EventFacts> facts,
                         List<StoryBuilder.Prepared> forStories, List<Detection> correlationInputs) {}

    /** What the second thread made for the report once stories were built, and the exports it wrote. */
    private record Exported(TechniqueCounts techniques, FindingTable table, List<ActivityCluster> clusters,
                            AttackExports.Written exports) {}

    /** What the task on the second thread gave, its failure thrown here. */
    private static <T> T await(Future<T> task, String doing) throws IOException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw rethrown(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + doing);
        }
    }

    /** The cause of a failed task on the second thread, to be thrown as it was. */
    private static IOException rethrown(ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
            return io;
        }
        if (e.getCause() instanceof RuntimeException r) {
            throw r;
        }
        throw new IllegalStateException(e.getCause());
    }

    /** A story as summary.json lists it, its keys always in this order (Map.of would vary it from run to run). */
    private static Map<String, Object> storyLine(Story st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", st.id());
        m.put("score", st.score());
        m.put("findings", st.findings().size());
        m.put("hosts", st.hosts());
        m.put("tactics", st.tactics());
        return m;
    }
}
