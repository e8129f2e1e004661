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
import org.dotlink.core.Event;
import org.dotlink.core.json.EventJson;
import org.dotlink.core.json.JsonLineWriter;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.EventSources;
import org.dotlink.ingest.InputDiscovery;
import org.dotlink.ingest.ReadOptions;
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
                + "skipped and counted. Damaged records and chunks are listed on stderr and the rest is still read.%n%n"
                + "By default only the records the EVTX headers account for are written (as evtxexport returns them). "
                + "With --recover, records carved from the free space of EVTX chunks, from damaged chunks and from "
                + "space past the file header's chunk count (left behind when a log is cleared or rolls over) are "
                + "written too, after each file's other records, marked \"recovered\": true; a copy identical to a "
                + "record that is still there is not repeated. Where the template of a carved record is gone, its "
                + "values are written in order as Data. The number recovered is printed per file on stderr.")
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

    @Option(names = "--recover", description = "Also write EVTX records carved from slack (deleted or overwritten, "
            + "e.g. before a log was cleared), marked \"recovered\": true.")
    boolean recover;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        InputDiscovery found = new InputDiscovery(paths);
        PrintWriter err = spec.commandLine().getErr();
        ProblemLog problems = new ProblemLog(err);
        long[] records = {0};
        long[] recovered = {0};
        EventSources sources = new EventSources(found, new ReadOptions(recover));
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
                        if (recover) { // a file's recovered records come in one batch, after its other records
                            long carved = written.batch().events().stream().filter(Event::recovered).count();
                            recovered[0] += carved;
                            if (carved > 0 && !quiet) {
                                err.printf("dotlink events: %s: %,d records recovered%n",
                                        written.batch().events().get(0).source(), carved);
                            }
                        }
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
            err.printf("dotlink events: %,d records%s from %,d files in %.2f s (%,.0f records/s); %d skipped as"
                            + " unknown format; %d archive entries skipped (resource forks, folders, links);"
                            + " %d damaged inputs; %d warnings%n",
                    records[0], recover ? String.format(" (%,d recovered)", recovered[0]) : "",
                    sources.filesRead(), seconds, records[0] / Math.max(seconds, 1e-9),
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
