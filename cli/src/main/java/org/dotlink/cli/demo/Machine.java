package org.dotlink.cli.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A host while the scenario runs: its process ids, Sysmon GUIDs and logon ids, and the long-running
 * processes everything else descends from (services.exe, the svchost groups, lsass, Sysmon, Defender, the
 * IIS worker of each Exchange application pool). Boots before the scenario starts without writing
 * anything; {@link #reboot} starts a new boot and says which processes to write.
 */
final class Machine {

    final Host host;
    private final Rng rng;
    private int pidCursor;
    private int guidCounter;
    private long logonCursor;
    private int bootNumber;
    private long bootTime;

    Proc system;
    Proc smss;
    Proc wininit;
    Proc services;
    Proc lsass;
    Proc winlogon;
    Proc sysmon;
    Proc defender;
    /** svchost groups by name: DcomLaunch, netsvcs, Schedule, iissvcs (IIS), ... */
    final Map<String, Proc> svchost = new LinkedHashMap<>();
    Proc searchIndexer;
    /** IIS worker processes by application pool, started on demand. */
    final Map<String, Proc> w3wp = new LinkedHashMap<>();
    /** The services this host runs besides Windows' own (billing engine, Exchange health, ...), by name. */
    final Map<String, Proc> serviceProcs = new LinkedHashMap<>();
    /** A workstation's desktop session of the day (the last one opened), and the Outlook running in it. */
    Desktop desktop;
    Proc outlook;

    private Session systemSession;
    private Session localService;
    private Session networkService;

    Machine(Host host, long seed) {
        this.host = host;
        this.rng = new Rng(seed, "machine:" + host.name());
        this.bootNumber = rng.between(3, 9);
        boot(ScenarioTime.START - rng.between(2, 12) * ScenarioTime.DAY - rng.between(0, 20) * ScenarioTime.HOUR);
    }

    /** A new boot at {@code t}: fresh process ids, GUIDs and system sessions; returns the processes started, in order. */
    List<Proc> reboot(long t) {
        bootNumber++;
        w3wp.clear();
        serviceProcs.clear();
        desktop = null;
        outlook = null;
        svchost.clear();
        boot(t);
        List<Proc> started = new ArrayList<>(List.of(smss, wininit, services, lsass, winlogon));
        started.addAll(svchost.values());
        started.add(sysmon);
        started.add(defender);
        if (searchIndexer != null) {
            started.add(searchIndexer);
        }
        return started;
    }

    private void boot(long t) {
        bootTime = t;
        pidCursor = 300 + rng.between(0, 60) * 4;
        guidCounter = rng.between(0x100, 0x400);
        logonCursor = 0x20000 + rng.between(0, 0x4000);
        systemSession = new Session(Account.SYSTEM, "0x3e7", logonGuid(0x3e7), 0, "System");
        localService = new Session(Account.LOCAL_SERVICE, "0x3e5", logonGuid(0x3e5), 0, "System");
        networkService = new Session(Account.NETWORK_SERVICE, "0x3e4", logonGuid(0x3e4), 0, "System");
        system = new Proc(host, "{00000000-0000-0000-0000-000000000000}", 4, "System", null, "", "", systemSession,
                null, t);
        smss = spawn(t, system, Binaries.SMSS, null, "\\SystemRoot\\System32\\smss.exe", systemSession);
        wininit = spawn(t + 900, smss, Binaries.WININIT, null, "wininit.exe", systemSession);
        services = spawn(t + 1100, wininit, Binaries.SERVICES, null, "C:\\Windows\\system32\\services.exe", systemSession);
        lsass = spawn(t + 1150, wininit, Binaries.LSASS, null, "C:\\Windows\\system32\\lsass.exe", systemSession);
        winlogon = spawn(t + 1300, smss, Binaries.WINLOGON, null, "winlogon.exe", systemSession);
        long at = t + 3000;
        for (String group : serviceGroups()) {
            Session s = group.equals("LocalServiceNetworkRestricted") ? localService
                    : group.equals("NetworkService") ? networkService : systemSession;
            svchost.put(group, spawn(at, services, Binaries.SVCHOST, null,
                    "C:\\Windows\\system32\\svchost.exe -k " + group + " -p", s));
            at += rng.between(40, 400);
        }
        sysmon = spawn(at + 2000, services, Binaries.SYSMON, null, "C:\\Windows\\Sysmon64.exe", systemSession);
        defender = spawn(at + 2600, services, Binaries.MSMPENG, null, "\"" + Binaries.MSMPENG.path() + "\"", systemSession);
        searchIndexer = host.role() == Host.Role.WORKSTATION
                ? spawn(at + 9000, services, Binaries.SEARCH_INDEXER, null, "C:\\Windows\\system32\\SearchIndexer.exe /Embedding", systemSession)
                : null;
    }

    private List<String> serviceGroups() {
        List<String> groups = new ArrayList<>(List.of("DcomLaunch", "RPCSS", "netsvcs",
                "LocalServiceNetworkRestricted", "NetworkService", "Schedule"));
        if (host.role() == Host.Role.EXCHANGE) {
            groups.add("iissvcs");
        }
        if (host.role() == Host.Role.JUMP_HOST || host.role() == Host.Role.DOMAIN_CONTROLLER
                || host.role() == Host.Role.BILLING || host.role() == Host.Role.EXCHANGE) {
            groups.add("termsvcs");
        }
        if (host.role() == Host.Role.WORKSTATION) {
            groups.add("UnistackSvcGroup");
        }
        return groups;
    }

    /** A new process (nothing is written here). */
    Proc spawn(long t, Proc parent, Binary binary, String image, String commandLine, Session session) {
        return spawn(t, parent, binary, image, commandLine, null, session);
    }

    Proc spawn(long t, Proc parent, Binary binary, String image, String commandLine, String cwd, Session session) {
        pidCursor += 4 * rng.between(1, 90);
        if (pidCursor > 24000) {
            pidCursor = 400 + 4 * rng.between(0, 100);
        }
        String path = image != null ? image : binary.path();
        String dir = cwd != null ? cwd : parent != null && parent.currentDirectory() != null && !parent.currentDirectory().isEmpty()
                ? parent.currentDirectory() : "C:\\Windows\\system32\\";
        return new Proc(host, processGuid(t), pidCursor, path, binary, commandLine, dir, session, parent, t);
    }

    /** Sysmon's process GUID: the machine, the start time, a counter and the boot. */
    private String processGuid(long t) {
        guidCounter = (guidCounter + rng.between(1, 40)) & 0xffff;
        String time = String.format(Locale.ROOT, "%08x", (t / 1000) & 0xffffffffL);
        String counter = String.format(Locale.ROOT, "%02x%02x", guidCounter & 0xff, guidCounter >> 8);
        return ("{" + host.guidPrefix() + "-" + time.substring(4) + "-" + time.substring(0, 4) + "-" + counter + "-"
                + String.format(Locale.ROOT, "00000000%02x00", bootNumber) + "}").toUpperCase(Locale.ROOT);
    }

    /** Sysmon's logon GUID: the machine, the boot time and the logon id's bytes. */
    private String logonGuid(long logonId) {
        String time = String.format(Locale.ROOT, "%08x", (bootTime / 1000) & 0xffffffffL);
        StringBuilder le = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            le.append(String.format(Locale.ROOT, "%02x", (logonId >> (8 * i)) & 0xff));
        }
        return ("{" + host.guidPrefix() + "-" + time.substring(4) + "-" + time.substring(0, 4) + "-" + le.substring(0, 4)
                + "-" + le.substring(4) + "}").toUpperCase(Locale.ROOT);
    }

    /** A new logon session of {@code account} (its logon id is the next one of this boot). */
    Session newSession(Account account, int terminal, String integrity) {
        logonCursor += rng.between(0x800, 0x9000);
        return new Session(account, "0x" + Long.toHexString(logonCursor), logonGuid(logonCursor), terminal, integrity);
    }

    Session systemSession() {
        return systemSession;
    }

    Session networkService() {
        return networkService;
    }

    /** A thread id for {@code Execution_ThreadID} and {@code SourceThreadId}. */
    int nextThreadId() {
        return 4 * rng.between(100, 3000);
    }

    int ephemeralPort() {
        return rng.between(49700, 65000);
    }

    long bootTime() {
        return bootTime;
    }
}
