package org.dotlink.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dotlink.core.json.EventJson;
import org.dotlink.core.json.JsonLineWriter;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.EventSources;
import org.dotlink.ingest.InputDiscovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dotlink events}: every record of the inputs as normalized JSON lines. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Write every record of the inputs as one JSON line each, in the canonical event form "
                + "(time, host, channel, event_id, record_id, source, fields).%n%n"
                + "Reads EVTX files, Windows events exported as JSON (NXLog, Logstash, Winlogbeat, evtx_dump) and "
                + "IIS/Exchange W3C logs, also inside .zip, .gz and .tar.gz archives (members named path#member). "
                + "Formats are recognised by content. Folders are read recursively; files of unknown format are "
                + "skipped and counted. Damaged records and chunks are listed on stderr and the rest is still read.")
final class EventsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files, archives, or folders holding them.")
    List<String> paths;

    @Option(names = "--out", paramLabel = "FILE", description = "Write JSON lines to FILE instead of stdout.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: all cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--quiet", description = "Print no progress line and no summary; problems are still listed.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        InputDiscovery found = new InputDiscovery(paths);
        PrintWriter err = spec.commandLine().getErr();
        ProblemLog problems = new ProblemLog(err);
        long[] records = {0};
        EventSources sources = new EventSources(found);
        try (OutputStream sink = open(out); Progress progress = Progress.start("dotlink events", quiet)) {
            OrderedParallel.run(sources,
                    (EventBatch batch) -> new Written(EventJson.lines(batch.events()), batch),
                    written -> {
                        try {
                            written.json().writeTo(sink);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        records[0] += written.batch().events().size();
                        written.batch().problems().forEach(problems::report);
                        progress.records(written.batch().events().size(), sources.filesRead(),
                                problems.damagedSources() + problems.warnings());
                    },
                    Math.max(1, threads));
        } catch (UncheckedIOException | IOException e) {
            if (out == null) {
                return Dotlink.EXIT_OK; // stdout closed by its reader (e.g. "| head"): stop quietly
            }
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            err.println("dotlink events: could not write " + out + ": " + cause.getMessage());
            err.flush();
            return Dotlink.EXIT_INPUT_PROBLEMS;
        }
        found.problems().forEach(problems::report);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!quiet) {
            err.printf("dotlink events: %,d records from %,d files in %.2f s (%,.0f records/s); %d skipped as"
                            + " unknown format; %d archive entries skipped (resource forks, folders, links);"
                            + " %d damaged inputs; %d warnings%n",
                    records[0], sources.filesRead(), seconds, records[0] / Math.max(seconds, 1e-9),
                    sources.skipped().size(), sources.skippedMembers().size(), problems.damagedSources(),
                    problems.warnings());
        }
        return problems.damagedSources() > 0 ? Dotlink.EXIT_INPUT_PROBLEMS : Dotlink.EXIT_OK;
    }

    private record Written(JsonLineWriter json, EventBatch batch) {}

    private static OutputStream open(Path out) throws IOException {
        if (out == null) {
            return new BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.out), 1 << 20) {
                @Override
                public void close() throws IOException {
                    flush(); // leave stdout itself open
                }
            };
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new BufferedOutputStream(Files.newOutputStream(out), 1 << 20);
    }
}
