package org.dotlink.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dotlink.core.Event;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.EventSources;
import org.dotlink.ingest.InputDiscovery;
import org.dotlink.ingest.json.JsonEventReader;

/**
 * Mordor host datasets as the stream tests replay them: the events as {@code dotlink hunt} reads them
 * ({@link EventSources}), and for each event its original JSON line, to be produced to Kafka keyed by the
 * event's source ({@code path.zip#member}), in file order.
 */
final class MordorReplay {

    /** One dataset: its archive and its events in file order. */
    record Dataset(Path zip, List<Event> events) {}

    final List<Dataset> datasets = new ArrayList<>();
    /** (source, original line) of every event, dataset after dataset. */
    final List<Map.Entry<String, String>> messages = new ArrayList<>();

    /** Reads the archives in the order given (give them in time order: each is replayed after the one before). */
    static MordorReplay read(List<Path> zips) throws Exception {
        MordorReplay r = new MordorReplay();
        for (Path zip : zips) {
            List<Event> events = new ArrayList<>();
            EventSources sources = new EventSources(InputDiscovery.list(List.of(zip.toString())));
            while (sources.hasNext()) {
                Callable<EventBatch> task = sources.next();
                EventBatch batch = task.call();
                if (!batch.problems().isEmpty()) {
                    throw new IllegalStateException(zip + ": " + batch.problems());
                }
                events.addAll(batch.events());
            }
            r.datasets.add(new Dataset(zip, events));
            Map<String, List<String>> lines = new HashMap<>();
            for (Event e : events) {
                List<String> member = lines.computeIfAbsent(e.source(), MordorReplay::memberLines);
                String line = member.get((int) e.offset() - 1); // the JSON reader numbers lines from 1
                if (!JsonEventReader.parseRecord(line, e.source(), e.offset()).toMap().equals(e.toMap())) {
                    throw new IllegalStateException(e.source() + " line " + e.offset() + " is not the event read");
                }
                r.messages.add(new AbstractMap.SimpleEntry<>(e.source(), line));
            }
        }
        return r;
    }

    /** Every event, the datasets in name order: as {@code dotlink hunt} reads them from their folder. */
    List<Event> allEventsInNameOrder() {
        List<Event> out = new ArrayList<>();
        datasets.stream().sorted(java.util.Comparator.comparing(d -> d.zip().toString()))
                .forEach(d -> out.addAll(d.events()));
        return out;
    }

    /** The lines of {@code archive.zip#member}. */
    private static List<String> memberLines(String source) {
        int hash = source.indexOf('#');
        try (ZipFile zip = new ZipFile(source.substring(0, hash))) {
            ZipEntry entry = zip.getEntry(source.substring(hash + 1));
            List<String> out = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(zip.getInputStream(entry),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(source + ": " + e.getMessage(), e);
        }
    }
}
