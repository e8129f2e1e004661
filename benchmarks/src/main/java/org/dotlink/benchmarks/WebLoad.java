package org.dotlink.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.dotlink.store.Store;
import org.dotlink.web.FindingsDb;
import org.dotlink.web.HuntOutputs;
import org.dotlink.web.WebServer;

/**
 * A bounded load on {@code dotlink serve} over loopback: a store of generated findings (1,000,000 by
 * default), then concurrent clients paging and filtering (by level, rule, host, technique and time
 * range) for a fixed time, then free-text searches measured on their own. Prints throughput, p50, p99
 * and errors. A measurement harness, not a test: nothing is asserted.
 *
 * <p>Arguments: {@code [store file] [findings] [clients] [seconds] [text clients] [text seconds]};
 * the store is generated when the file does not exist.
 */
public final class WebLoad {

    private static final String[] LEVELS = {"informational", "low", "medium", "high", "critical"};
    private static final int HOSTS = 200;
    private static final int RULES = 150;
    private static final int TECHNIQUES = 80;
    private static final Instant START = Instant.parse("2021-03-01T00:00:00Z");
    private static final long SPAN_SECONDS = 30L * 86400;

    private WebLoad() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "target/web-load.duckdb");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int textClients = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        int textSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 30;
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            try (Store store = Store.open(file)) {
                store.addFindings(() -> generated(count), source -> source);
            }
            System.out.printf("generated %,d findings into %s in %.1f s%n", count, file, (System.nanoTime() - t0) / 1e9);
        }
        checkGenerated(file, count);
        long t0 = System.nanoTime();
        try (FindingsDb db = FindingsDb.open(file);
             WebServer server = WebServer.start(new WebServer.Settings("127.0.0.1", 0, null), db, HuntOutputs.none(),
                     line -> System.out.println("serve: " + line))) {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("server started in %.1f s; heap in use after GC %,d MB (max %,d MB)%n",
                    (System.nanoTime() - t0) / 1e9, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
            String base = "http://127.0.0.1:" + server.port() + "/api/findings?";
            System.out.printf("cores %d, database connections %d%n", Runtime.getRuntime().availableProcessors(),
                    Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
            run("warm-up", base, clients, 5, WebLoad::filtered);
            run("filtered paging", base, clients, seconds, WebLoad::filtered);
            run("warm-up (text)", base, textClients, 3, WebLoad::text);
            run("free text", base, textClients, textSeconds, WebLoad::text);
        }
    }

    /**
     * Refuses a store that this generator did not write (an earlier generator's, or another count): the
     * number of findings, and the rule, host and level of the first one in time, must be this generator's.
     */
    private static void checkGenerated(Path file, int count) {
        Finding first = generated(count).next();
        try (Store store = Store.openReadOnly(file)) {
            List<Object> found = store.query("SELECT count(*), (SELECT rule_id || ' ' || host || ' ' || level FROM findings"
                    + " ORDER BY time, finding_key LIMIT 1) FROM findings").rows().get(0);
            String expected = first.rule().id() + " " + first.detection().host() + " " + first.level().label();
            if (((Number) found.get(0)).longValue() != count || !expected.equals(found.get(1))) {
                throw new IllegalStateException(file + " holds " + found.get(0) + " findings, the first " + found.get(1)
                        + "; this generator makes " + count + ", the first " + expected + ": delete the file to generate it");
            }
        }
    }

    /** A request as the findings table makes it: one to three filters, a page among the first 20. */
    static String filtered(Random r) {
        List<String> q = new ArrayList<>();
        int filters = 1 + r.nextInt(3);
        List<Integer> kinds = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        java.util.Collections.shuffle(kinds, r);
        for (int k : kinds.subList(0, filters)) {
            switch (k) {
                case 0 -> q.add("level=" + LEVELS[r.nextInt(LEVELS.length)]);
                case 1 -> q.add("rule=" + enc(ruleTitle(r.nextInt(RULES))));
                case 2 -> q.add("host=" + host(r.nextInt(HOSTS)));
                case 3 -> q.add("technique=" + technique(r.nextInt(TECHNIQUES)));
                default -> {
                    Instant from = START.plusSeconds((long) (r.nextDouble() * SPAN_SECONDS * 0.9));
                    q.add("from=" + from + "&to=" + from.plusSeconds(86400L * (1 + r.nextInt(3))));
                }
            }
        }
        q.add("page=" + (1 + r.nextInt(20)));
        q.add("size=50");
        return String.join("&", q);
    }

    /** A free-text search: a word of a command line, a user or a file, sometimes with a level. */
    static String text(Random r) {
        String[] words = {"mimikatz", "procdump", "lsass", "user" + r.nextInt(500), "payload" + r.nextInt(1000),
                "rundll32", "psexec"};
        String q = "q=" + enc(words[r.nextInt(words.length)]) + "&page=" + (1 + r.nextInt(3)) + "&size=50";
        return r.nextBoolean() ? q : q + "&level=" + LEVELS[2 + r.nextInt(3)];
    }

    private static void run(String name, String base, int clients, int seconds, Function<Random, String> query)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> perClient = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[][] slot = {new long[1 << 16]};
            int[] n = {0};
            perClient.add(null);
            int index = c;
            Random r = new Random(42 + c);
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    HttpRequest req = HttpRequest.newBuilder(URI.create(base + query.apply(r)))
                            .timeout(Duration.ofSeconds(60)).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        if (resp.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n[0] == slot[0].length) {
                        slot[0] = Arrays.copyOf(slot[0], n[0] * 2);
                    }
                    slot[0][n[0]++] = System.nanoTime() - t0;
                }
                synchronized (perClient) {
                    perClient.set(index, Arrays.copyOf(slot[0], n[0]));
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%-16s %3d clients %3d s: %,7d requests, %7.1f req/s, p50 %6.1f ms, p99 %7.1f ms,"
                        + " max %7.1f ms, errors %d%n", name, clients, seconds, all.length, all.length / (double) seconds,
                pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6, errors.get());
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String host(int i) {
        return String.format("ws%03d.corp.example.com", i);
    }

    static String ruleTitle(int i) {
        return "Generated rule " + i;
    }

    static String technique(int i) {
        return String.format("T1%03d", i) + (i % 3 == 0 ? "" : "." + String.format("%03d", i % 7 + 1));
    }

    /** {@code count} findings with skewed levels, rules and hosts over 30 days, each a small Sysmon event. */
    static Iterator<Finding> generated(int count) {
        Random r = new Random(7);
        List<RuleInfo> rules = new ArrayList<>();
        for (int i = 0; i < RULES; i++) {
            Level level = Level.values()[Math.min(4, (int) Math.floor(Math.abs(r.nextGaussian()) * 1.6))];
            rules.add(new RuleInfo("rule-" + i, ruleTitle(i), level, List.of(technique(i % TECHNIQUES),
                    technique((i * 7 + 3) % TECHNIQUES)), List.of("execution"), List.of()));
        }
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public Finding next() {
                int n = i++;
                RuleInfo rule = rules.get((int) Math.min(RULES - 1, Math.abs(r.nextGaussian()) * RULES / 3));
                String host = host((int) Math.min(HOSTS - 1, Math.abs(r.nextGaussian()) * HOSTS / 3));
                Instant time = START.plusMillis((long) n * SPAN_SECONDS * 1000 / count);
                String source = "logs/" + host + "/Sysmon.evtx";
                Event e = Event.builder(source).offset(n).add("EventID", "1").add("EventRecordID", String.valueOf(n))
                        .add("TimeCreated_SystemTime", time.toString()).add("Computer", host)
                        .add("Channel", "Microsoft-Windows-Sysmon/Operational")
                        .add("Image", "C:\\Windows\\System32\\" + (n % 5 == 0 ? "rundll32.exe" : "cmd.exe"))
                        .add("CommandLine", "cmd /c run payload" + (n % 1000) + " --user user" + (n % 500)
                                + (n % 997 == 0 ? " mimikatz sekurlsa::logonpasswords" : ""))
                        .add("User", "CORP\\user" + (n % 500)).build();
                return Finding.of(Detection.of(rule, e)).withStory(n % 50 == 0 ? "story-" + (n % 3000) : null);
            }
        };
    }
}
