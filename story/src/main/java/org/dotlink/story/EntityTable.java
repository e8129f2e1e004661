package org.dotlink.story;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the events said about entities, kept in bounded memory so that it works over any input size (and
 * in a stream): processes with their parents and droppers (the process that wrote the file a process
 * was started or loaded a module from, set the registry value pointing at it, or created a thread in
 * it), files written and by whom, addresses of hosts, remote accesses from host to host, and on how
 * many hosts each account and hash appeared. Each table holds at most its limit; the oldest entries go
 * first.
 */
final class EntityTable {

    /** A process as far as the events told. */
    static final class Proc {
        String parent;
        String image;
        String dropper;
        int children;
        long started = Long.MIN_VALUE;
    }

    /** A logon, explicit-credential use, share access or remote command from one host to another. */
    record Remote(String from, String to, boolean inbound, long time, String user) {}

    private static final int FAN_OUT_CAP = 64;

    private final Map<String, Proc> processes;
    private final Map<String, String> fileWriters;
    private final Map<String, String> pidAliases;
    private final Map<String, String> addresses;
    private final List<Remote> remotes = new ArrayList<>();
    private final int maxRemotes;
    private final Map<String, Set<String>> accountHosts = new HashMap<>();
    private final Map<String, Set<String>> hashHosts = new HashMap<>();
    private final Set<String> hosts = new HashSet<>();

    EntityTable(int maxProcesses, int maxFiles, int maxRemotes) {
        this.processes = bounded(maxProcesses);
        this.fileWriters = bounded(maxFiles);
        this.pidAliases = bounded(maxProcesses);
        this.addresses = bounded(maxFiles);
        this.maxRemotes = maxRemotes;
    }

    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /** The GUID key of a process known by {@code host|pid:N}, when a process start gave both; else the key. */
    String resolve(String process) {
        if (process == null) {
            return null;
        }
        String guid = pidAliases.get(process);
        return guid != null ? guid : process;
    }

    void observe(EventFacts f) {
        if (f.pidAlias() != null && f.process() != null) {
            pidAliases.put(f.pidAlias(), f.process());
        }
        hosts.add(f.host());
        addresses.putIfAbsent(f.host(), f.host());
        if (f.started() && f.process() != null) {
            Proc p = processes.computeIfAbsent(f.process(), k -> new Proc());
            p.image = f.image();
            p.started = f.time();
            if (f.parent() != null && !f.parent().equals(f.process())) {
                p.parent = f.parent();
                Proc parent = processes.computeIfAbsent(f.parent(), k -> new Proc());
                if (parent.image == null) {
                    parent.image = f.parentImage();
                }
                parent.children++;
            }
            if (f.imagePath() != null) {
                String writer = fileWriters.get(f.imagePath());
                if (writer != null && !writer.equals(f.process())) {
                    p.dropper = writer;
                }
            }
        } else if (f.process() != null && (f.image() != null || f.imagePath() != null)) {
            Proc p = processes.computeIfAbsent(f.process(), k -> new Proc());
            if (f.image() != null) {
                p.image = f.image();
            }
            if (f.imagePath() != null && p.dropper == null) {
                // a module loaded from a file another process wrote: that process put it there
                String writer = fileWriters.get(f.imagePath());
                if (writer != null && !writer.equals(f.process())) {
                    p.dropper = writer;
                }
            }
        }
        if (f.fileWritten() != null && f.process() != null) {
            fileWriters.put(f.fileWritten(), f.process());
        }
        if (f.injected() != null && f.process() != null && !f.injected().equals(f.process())) {
            Proc target = processes.computeIfAbsent(f.injected(), k -> new Proc());
            if (target.dropper == null) {
                target.dropper = f.process();
            }
        }
        if (f.pointedAt() != null && f.process() != null) {
            // weaker than writing the file: services.exe sets the ImagePath of every service it installs
            fileWriters.putIfAbsent(f.pointedAt(), f.process());
        }
        if (f.localAddress() != null && !f.localAddress().isEmpty()) {
            addresses.put(f.localAddress(), f.host());
        }
        if ((f.remoteFrom() != null || f.remoteTo() != null) && remotes.size() < maxRemotes) {
            remotes.add(f.remoteFrom() != null ? new Remote(f.remoteFrom(), f.host(), true, f.time(), f.user())
                    : new Remote(f.host(), f.remoteTo(), false, f.time(), f.user()));
        }
        if (!Hubs.account(f.user())) {
            count(accountHosts, f.user(), f.host());
        }
        if (f.hash() != null) {
            count(hashHosts, f.hash(), f.host());
        }
    }

    private static void count(Map<String, Set<String>> m, String key, String host) {
        Set<String> s = m.computeIfAbsent(key, k -> new HashSet<>());
        if (s.size() < FAN_OUT_CAP) {
            s.add(host);
        }
    }

    Proc process(String key) {
        return key == null ? null : processes.get(key);
    }

    /** The host a logged address or name belongs to, or null when none of the events told. */
    String hostOf(String addressOrName) {
        if (addressOrName == null) {
            return null;
        }
        String h = addresses.get(addressOrName);
        return h != null ? h : hosts.contains(addressOrName) ? addressOrName : null;
    }

    List<Remote> remotes() {
        return remotes;
    }

    int hostCount() {
        return hosts.size();
    }

    /** On how many hosts (up to 64) the account was seen. */
    int accountSpread(String user) {
        Set<String> s = accountHosts.get(user);
        return s == null ? 0 : s.size();
    }

    int hashSpread(String hash) {
        Set<String> s = hashHosts.get(hash);
        return s == null ? 0 : s.size();
    }
}
