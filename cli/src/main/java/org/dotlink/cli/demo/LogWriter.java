package org.dotlink.cli.demo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.dotlink.core.json.JsonLineWriter;

/**
 * Where generated events go: one JSON file per host, in the shape of the host's shipper
 * ({@code nxlog/WS-ENG02.json}, {@code winlogbeat/EXCH01.ndjson}), and one IIS log per Exchange server and
 * day ({@code iis/EXCH01/W3SVC1/u_ex210303.log}). Events are held until {@link #flushBefore} and then
 * written in time order, numbered per host and channel as the event log numbers them; labelled events
 * are entered in the {@link GroundTruth} with the name a finding will give them.
 */
final class LogWriter implements AutoCloseable {

    private final Path logs;
    private final GroundTruth truth;
    private final Rng rng;
    private final Map<String, WindowsFile> windows = new LinkedHashMap<>();
    private final Map<String, IisServer> iis = new LinkedHashMap<>();
    private long windowsEvents;
    private long webRequests;

    LogWriter(Path logs, GroundTruth truth, long seed) {
        this.logs = logs;
        this.truth = truth;
        this.rng = new Rng(seed, "log-writer");
    }

    void add(WinEvent e) {
        windows.computeIfAbsent(e.host().name(), k -> new WindowsFile(e.host())).pending.add(e);
    }

    void add(WebRequest r) {
        iis.computeIfAbsent(r.server().name(), k -> new IisServer(r.server())).pending.add(r);
    }

    /** The web server of {@code server} restarted at {@code time}: IIS starts a new header block. */
    void webServerRestarted(Host server, long time) {
        iis.computeIfAbsent(server.name(), k -> new IisServer(server)).restarts.add(time);
    }

    /** Writes every held event older than {@code time}, in time order. */
    void flushBefore(long time) throws IOException {
        for (WindowsFile f : windows.values()) {
            f.flush(time);
        }
        for (IisServer s : iis.values()) {
            s.flush(time);
        }
    }

    long windowsEvents() {
        return windowsEvents;
    }

    long webRequests() {
        return webRequests;
    }

    @Override
    public void close() throws IOException {
        flushBefore(Long.MAX_VALUE);
        for (WindowsFile f : windows.values()) {
            if (f.out != null) {
                f.out.close();
            }
        }
        for (IisServer s : iis.values()) {
            s.close();
        }
    }

    private static <T> List<T> takeBefore(List<T> pending, long time, ToLongFunction<T> timeOf) {
        pending.sort(Comparator.comparingLong(timeOf));
        int n = 0;
        while (n < pending.size() && timeOf.applyAsLong(pending.get(n)) < time) {
            n++;
        }
        List<T> out = new ArrayList<>(pending.subList(0, n));
        pending.subList(0, n).clear();
        return out;
    }

    /** One host's event file. */
    private final class WindowsFile {
        final Host host;
        final String source;
        final List<WinEvent> pending = new ArrayList<>();
        final Map<EventKind.Log, Long> lastRecord = new EnumMap<>(EventKind.Log.class);
        OutputStream out;

        WindowsFile(Host host) {
            this.host = host;
            this.source = host.shipper() == Host.Shipper.NXLOG ? "nxlog/" + host.name() + ".json"
                    : "winlogbeat/" + host.name() + ".ndjson";
            // where each channel's numbering stood when the scenario began; the ranges never meet, so a
            // record number names one record of the file
            int spread = Math.abs(host.name().hashCode() % 50_000);
            lastRecord.put(EventKind.Log.SYSMON, 1_200_000L + spread * 7L);
            lastRecord.put(EventKind.Log.SECURITY, 3_400_000L + spread * 13L);
            lastRecord.put(EventKind.Log.SYSTEM, 41_000L + spread);
        }

        void flush(long time) throws IOException {
            List<WinEvent> ready = takeBefore(pending, time, WinEvent::time);
            if (ready.isEmpty()) {
                return;
            }
            if (out == null) {
                Path file = logs.resolve(source);
                Files.createDirectories(file.getParent());
                out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            }
            JsonLineWriter w = new JsonLineWriter(ready.size() * 1400 + 64);
            for (WinEvent e : ready) {
                long record = lastRecord.merge(e.kind().log, 1L, Long::sum);
                long received = e.time() + rng.between(400, 2600);
                if (host.shipper() == Host.Shipper.NXLOG) {
                    NxlogFormat.write(w, e, record, received);
                } else {
                    WinlogbeatFormat.write(w, e, record, received);
                }
                w.newline();
                if (e.label() != null) {
                    truth.add(new GroundTruth.Entry(source, e.kind().log.channel, record, -1, null, e.label()));
                }
            }
            w.writeTo(out);
            windowsEvents += ready.size();
        }
    }

    /** One Exchange server's IIS logs, a file per UTC day. */
    private final class IisServer {
        final Host server;
        final List<WebRequest> pending = new ArrayList<>();
        final List<Long> restarts = new ArrayList<>();
        String source;
        OutputStream out;
        long lines;
        long lastWritten = Long.MIN_VALUE;

        IisServer(Host server) {
            this.server = server;
        }

        void flush(long time) throws IOException {
            List<WebRequest> ready = takeBefore(pending, time, WebRequest::time);
            restarts.sort(null);
            StringBuilder sb = new StringBuilder();
            for (WebRequest r : ready) {
                String name = "iis/" + server.name() + "/W3SVC1/" + ScenarioTime.iisFileName(r.time());
                if (!name.equals(source)) {
                    write(sb);
                    close();
                    source = name;
                    Path file = logs.resolve(name);
                    Files.createDirectories(file.getParent());
                    out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                    lines = 0;
                    header(sb, r.time());
                    lastWritten = r.time();
                }
                for (Long restart : restarts) {
                    if (restart > lastWritten && restart <= r.time()) {
                        header(sb, restart);
                    }
                }
                IisLog.line(sb, r);
                lines++;
                lastWritten = r.time();
                if (r.label() != null) {
                    truth.add(new GroundTruth.Entry(source, "W3C", -1, lines, r.requestId(), r.label()));
                }
                if (sb.length() > 1 << 20) {
                    write(sb);
                }
            }
            write(sb);
            webRequests += ready.size();
        }

        private void header(StringBuilder sb, long time) {
            sb.append(IisLog.header(time));
            lines += 4;
        }

        private void write(StringBuilder sb) throws IOException {
            if (out != null && sb.length() > 0) {
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            sb.setLength(0);
        }

        void close() throws IOException {
            if (out != null) {
                out.close();
                out = null;
            }
        }
    }
}
