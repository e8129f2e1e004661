package org.dotlink.ingest.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dotlink.ingest.EventBatch;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A rough throughput measurement, not a benchmark and not an assertion: real Mordor NDJSON (NXLog and
 * Winlogbeat 6) repeated in memory to about 200 MB, read single-threaded (all tasks on the calling
 * thread) and on a small pool, in each layout. Runs only with {@code -Ddotlink.measure=true}.
 */
class JsonThroughputMeasure {

    @Test
    void measure() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("dotlink.measure"), "set -Ddotlink.measure=true to measure; skipped");
        Path data = JsonRead.sharedDataOrSkip();
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        for (String dataset : List.of("mordor/windows/lateral_movement/host/purplesharp_ad_playbook_I.zip",
                "mordor/windows/discovery/host/empire_shell_net_local_users.zip",
                "mordor/windows/other/aptsimulator_cobaltstrike.zip",
                "mordor/windows/defense_evasion/host/empire_enable_rdp.tar.gz")) {
            for (MordorJsonTest.Member m : MordorJsonTest.members(data.resolve(dataset))) {
                one.writeBytes(m.bytes());
                if (m.bytes()[m.bytes().length - 1] != '\n') {
                    one.write('\n');
                }
            }
        }
        byte[] base = one.toByteArray();
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        while (big.size() < 200_000_000) {
            big.writeBytes(base);
        }
        byte[] ndjson = big.toByteArray();
        byte[] array = toArray(ndjson);
        byte[] pretty = toPretty(base, 200_000_000);
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("input: NDJSON %d MB, array %d MB, pretty concatenated %d MB; %d cores%n", ndjson.length / 1_000_000,
                array.length / 1_000_000, pretty.length / 1_000_000, threads);
        for (int round = 0; round < 3; round++) {
            report("NDJSON, 1 thread", ndjson, 1);
            report("array, 1 thread", array, 1);
            report("pretty concatenated, 1 thread", pretty, 1);
            report("NDJSON, " + threads + " threads", ndjson, threads);
            report("array, " + threads + " threads", array, threads);
            report("pretty concatenated, " + threads + " threads", pretty, threads);
            split("NDJSON, splitting only", ndjson);
            split("array, splitting only", array);
        }
    }

    private static void report(String what, byte[] input, int threads) throws Exception {
        long t0 = System.nanoTime();
        long events = threads == 1 ? readInline(input) : readPooled(input, threads);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  %-36s %8d events  %6.0f MB/s  %7.0f events/s%n", what, events, input.length / 1e6 / s,
                events / s);
    }

    private static long readInline(byte[] input) throws Exception {
        JsonEventReader r = new JsonEventReader(new ByteArrayInputStream(input), "m.json");
        long n = 0;
        while (r.hasNext()) {
            n += r.next().call().events().size();
        }
        return n;
    }

    /** As the laptop pipeline runs it: tasks pulled on this thread, run on a pool, at most 4 per thread in flight. */
    private static long readPooled(byte[] input, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            JsonEventReader r = new JsonEventReader(new ByteArrayInputStream(input), "m.json");
            ArrayDeque<Future<EventBatch>> inFlight = new ArrayDeque<>();
            long n = 0;
            while (r.hasNext()) {
                Callable<EventBatch> task = r.next();
                inFlight.add(pool.submit(task));
                if (inFlight.size() >= 4 * threads) {
                    n += inFlight.poll().get().events().size();
                }
            }
            while (!inFlight.isEmpty()) {
                n += inFlight.poll().get().events().size();
            }
            return n;
        } finally {
            pool.shutdown();
        }
    }

    private static void split(String what, byte[] input) {
        long t0 = System.nanoTime();
        JsonEventReader r = new JsonEventReader(new ByteArrayInputStream(input), "m.json");
        int tasks = 0;
        while (r.hasNext()) {
            r.next();
            tasks++;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  %-36s %8d tasks   %6.0f MB/s%n", what, tasks, input.length / 1e6 / s);
    }

    private static byte[] toArray(byte[] ndjson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ndjson.length + 16);
        out.write('[');
        boolean first = true;
        int from = 0;
        for (int i = 0; i <= ndjson.length; i++) {
            if (i == ndjson.length || ndjson[i] == '\n') {
                int to = i > from && ndjson[i - 1] == '\r' ? i - 1 : i;
                if (to > from) {
                    if (!first) {
                        out.write(',');
                    }
                    out.write(ndjson, from, to - from);
                    first = false;
                }
                from = i + 1;
            }
        }
        out.write(']');
        return out.toByteArray();
    }

    private static byte[] toPretty(byte[] ndjson, int size) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ByteArrayOutputStream once = new ByteArrayOutputStream();
        for (String line : new String(ndjson, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                once.writeBytes(json.writeValueAsBytes(json.readTree(line)));
                once.write('\n');
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            out.writeBytes(once.toByteArray());
        }
        return out.toByteArray();
    }
}
