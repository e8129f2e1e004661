package org.dotlink.cli.demo;

import static org.dotlink.cli.demo.ScenarioTime.MINUTE;
import static org.dotlink.cli.demo.ScenarioTime.SECOND;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster B, in the manner of Naikon (G0019): a spear-phishing document for a network engineer.
 * <ol>
 *   <li>Tuesday 9 March, 03:12 UTC: on WS-ENG02, n.hidayat opens an RFQ attached to an e-mail; the
 *       Equation Editor exploit drops a signed Windows program (rekeywiz.exe) with a malicious slc.dll
 *       into ProgramData and starts it: DLL side-loading; the loader registers itself as a service and
 *       starts it, and the service beacons to its C2 over HTTPS every hour or few;</li>
 *   <li>an hour later, discovery commands through the backdoor;</li>
 *   <li>the next day, with the engineer's password, the files are copied to WS-ENG01 over C$ and a
 *       service is created and started there remotely with sc.exe;</li>
 *   <li>both services come back after the patch-day restart; on 16 March documents are listed on WS-ENG01.</li>
 * </ol>
 */
final class NaikonIntrusion implements Intrusion {

    static final String ID = "B";
    private static final List<String> C2 = List.of("103.56.53.46", "103.240.202.38");
    private static final String SERVICE = "DeviceSyncSvc";
    private static final String LOADER = Binaries.B_FOLDER + "rekeywiz.exe";
    private static final String SERVICE_PATH = "\"" + LOADER + "\" -svc";

    private final Scenario sc;
    private final Rng rng;
    private final Emit e;
    /** The running backdoor (the service process) on each infected host. */
    private final Map<String, Proc> backdoor = new LinkedHashMap<>();

    NaikonIntrusion(Scenario sc) {
        this.sc = sc;
        this.rng = new Rng(sc.seed(), "intrusion-b");
        this.e = sc.emit(null, rng);
    }

    private Emit step(String what) {
        return e.as(Label.step(ID, what));
    }

    @Override
    public GroundTruth.Cluster cluster() {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put(Binaries.B_LOADER_DLL.path(), Binaries.B_LOADER_DLL.sha256());
        tools.put(LOADER, Binaries.REKEYWIZ.sha256() + " (signed Windows program, side-loading host)");
        return new GroundTruth.Cluster(ID, "Naikon-like", "Naikon (G0019)", List.of("WS-ENG02", "WS-ENG01"),
                List.of("SUNDATEL\\n.hidayat (phished)"), C2, tools);
    }

    @Override
    public void plan(int day, Agenda agenda) {
        Network net = sc.network();
        Host first = net.host("WS-ENG02");
        Host second = net.host("WS-ENG01");
        if (day == 8) {
            long t = ScenarioTime.at(8, 3, 12);
            agenda.at(t, () -> infect(first, t));
            long r = ScenarioTime.at(8, 4, 5);
            agenda.at(r, () -> discover(first, r));
        }
        if (day == 9) {
            long t = ScenarioTime.at(9, 7, 30);
            agenda.at(t, () -> spread(first, second, t));
        }
        if (day == ScenarioTime.PATCH_DAY) {
            long t = ScenarioTime.at(day, 13, 0);
            agenda.at(t, () -> {
                for (String h : List.copyOf(backdoor.keySet())) {
                    restartService(net.host(h));
                }
            });
        }
        if (day == 15) {
            long t = ScenarioTime.at(15, 6, 40);
            agenda.at(t, () -> collect(second, t));
        }
        if (day >= 8) {
            for (int hour = 0; hour < 24; hour++) {
                if (day == ScenarioTime.PATCH_DAY && hour >= 11 && hour <= 12) {
                    continue;
                }
                long t = ScenarioTime.at(day, hour, rng.between(0, 59));
                agenda.at(t, () -> beacon(t));
            }
        }
    }

    private void infect(Host ws, long t) {
        Machine m = e.machine(ws);
        Account user = sc.network().userOf(ws);
        Desktop d = m.desktop;
        Emit phish = step("B1 spear-phishing document opened");
        String doc = "C:\\Users\\" + user.name() + "\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\Q8ZV3K1M"
                + "\\RFQ_5G_RAN_Expansion_Phase2.doc";
        phish.file(t - 3 * SECOND, m.outlook, doc);
        Proc word = phish.start(t, m.outlook, Binaries.WINWORD, null, "\"" + Binaries.WINWORD.path() + "\" /n \"" + doc
                + "\" /o \"\"", "C:\\Users\\" + user.name() + "\\Documents\\", d.session());
        Emit drop = step("B2 Equation Editor exploit drops the loader");
        Proc eqn = drop.start(t + 6 * SECOND, m.svchost.get("DcomLaunch"), Binaries.EQNEDT32, null,
                "\"" + Binaries.EQNEDT32.path() + "\" -Embedding", "C:\\Windows\\system32\\", d.session());
        drop.file(t + 8 * SECOND, eqn, LOADER);
        drop.file(t + 8 * SECOND + 300, eqn, Binaries.B_LOADER_DLL.path());
        drop.file(t + 8 * SECOND + 600, eqn, Binaries.B_FOLDER + "slc.dat");
        Emit load = step("B3 side-loaded backdoor (signed program, malicious slc.dll)");
        Proc first = load.start(t + 10 * SECOND, eqn, Binaries.REKEYWIZ, LOADER, "\"" + LOADER + "\" ",
                Binaries.B_FOLDER, d.session().withIntegrity("High"));
        load.load(t + 10 * SECOND + 200, first, Binaries.B_LOADER_DLL, null);
        drop.end(t + 12 * SECOND, eqn);
        phish.end(t + 4 * MINUTE, word);

        Emit persist = step("B4 persistence as a service");
        long p = t + 40 * SECOND;
        Proc cmd = persist.start(p, first, Binaries.CMD, null, "C:\\Windows\\system32\\cmd.exe /c sc create " + SERVICE
                + " binPath= \"" + SERVICE_PATH.replace("\"", "\\\"") + "\" start= auto DisplayName= \"Device Sync Service\"",
                first.session());
        Proc sc1 = persist.start(p + 300, cmd, Binaries.SC, "sc create " + SERVICE + " binPath= \""
                + SERVICE_PATH.replace("\"", "\\\"") + "\" start= auto DisplayName= \"Device Sync Service\"");
        persist.serviceInstalled(p + 600, ws, user, "Device Sync Service", SERVICE_PATH, "auto start");
        persist.registry(p + 610, m.services, "HKLM\\System\\CurrentControlSet\\Services\\" + SERVICE + "\\ImagePath",
                SERVICE_PATH);
        persist.end(p + SECOND, sc1);
        persist.end(p + 1100, cmd);
        Proc starter = persist.start(p + 5 * SECOND, first, Binaries.SC, "sc start " + SERVICE);
        persist.end(p + 6 * SECOND, starter);
        startService(ws, p + 6 * SECOND);
        load.end(p + 20 * SECOND, first);
    }

    /** services.exe starts the service: the signed program loads the malicious DLL again, now as SYSTEM. */
    private void startService(Host ws, long t) {
        Machine m = e.machine(ws);
        Emit load = step("B3 side-loaded backdoor (signed program, malicious slc.dll)");
        Proc svc = load.start(t, m.services, Binaries.REKEYWIZ, LOADER, SERVICE_PATH, Binaries.B_FOLDER, m.systemSession());
        load.load(t + 200, svc, Binaries.B_LOADER_DLL, null);
        step("B4 persistence as a service").serviceState(t + 300, ws, "Device Sync Service", SERVICE, true);
        backdoor.put(ws.name(), svc);
        step("B5 beacon to the C2").connect(t + 5 * SECOND, svc, C2.get(0), 443, null);
    }

    private void restartService(Host ws) {
        startService(ws, e.machine(ws).bootTime() + 50 * SECOND);
    }

    private void beacon(long t) {
        Emit b = step("B5 beacon to the C2");
        for (Proc p : backdoor.values()) {
            if (rng.chance(0.45)) {
                b.connect(t + rng.between(0, 40) * MINUTE, p, rng.chance(0.85) ? C2.get(0) : C2.get(1), 443, null);
            }
        }
    }

    /** A command through the backdoor: cmd.exe /c under the service process, and its program. */
    private Proc shell(Emit s, long t, Proc backdoor, Binary program, String commandLine) {
        Proc cmd = s.start(t, backdoor, Binaries.CMD, null, "C:\\Windows\\system32\\cmd.exe /c " + commandLine,
                backdoor.session());
        Proc p = s.start(t + 300, cmd, program, commandLine);
        if (program == Binaries.NET && commandLine.contains(" group ")) {
            s.end(t + 1500, s.start(t + 400, p, Binaries.NET1, "C:\\Windows\\system32\\net1  " + commandLine.substring(4)));
        }
        s.end(t + rng.between(1, 6) * SECOND, p);
        s.end(t + 7 * SECOND, cmd);
        return p;
    }

    private void discover(Host ws, long t) {
        Proc svc = backdoor.get(ws.name());
        Emit s = step("B6 discovery through the backdoor");
        Object[][] commands = {{Binaries.WHOAMI, "whoami /all"}, {Binaries.IPCONFIG, "ipconfig /all"},
            {Binaries.SYSTEMINFO, "systeminfo"}, {Binaries.TASKLIST, "tasklist /v"}, {Binaries.NET, "net view /domain"},
            {Binaries.NET, "net group \"domain computers\" /domain"}, {Binaries.NLTEST, "nltest /domain_trusts"},
            {Binaries.NETSTAT, "netstat -ano"}, {Binaries.ARP, "arp -a"}};
        long at = t;
        Host dc = sc.network().host("DC01");
        for (Object[] c : commands) {
            shell(s, at, svc, (Binary) c[0], (String) c[1]);
            if (((String) c[1]).contains("/domain")) {
                Session q = s.logon(at + 2 * SECOND, dc, sc.network().machine(ws), 3, ws.ip(), ws.name(), true, false);
                s.logoff(at + 4 * SECOND, dc, q, 3);
            }
            at += rng.between(25, 90) * SECOND;
        }
    }

    /** With the engineer's password: the loader copied over C$, a service created and started remotely. */
    private void spread(Host from, Host to, long t) {
        Proc svc = backdoor.get(from.name());
        Emit s = step("B7 lateral movement: files over C$, remote service with sc.exe");
        Account user = sc.network().userOf(from);
        String password = "Hidayat@0791";
        Proc use = shell(s, t, svc, Binaries.NET, "net use \\\\" + to.name() + "\\C$ " + password + " /user:SUNDATEL\\"
                + user.name());
        s.explicitCredentials(t + 400, use, e.machine(from).systemSession(), user, to.name(), to.name(), to.ip());
        Session smb = RemoteAccess.copyOverSmb(s, t + 2 * SECOND, e.machine(from).system, to, user, true,
                LOADER, Binaries.B_LOADER_DLL.path(), Binaries.B_FOLDER + "slc.dat");
        Proc copy = s.start(t + 40 * SECOND, svc, Binaries.CMD, null, "C:\\Windows\\system32\\cmd.exe /c copy /y "
                + Binaries.B_FOLDER + "* \\\\" + to.name() + "\\C$\\ProgramData\\Microsoft\\DeviceSync\\", svc.session());
        s.end(t + 45 * SECOND, copy);
        long c = t + 2 * MINUTE;
        String create = "sc \\\\" + to.name() + " create " + SERVICE + " binPath= \"" + SERVICE_PATH.replace("\"", "\\\"")
                + "\" start= auto DisplayName= \"Device Sync Service\"";
        shell(s, c, svc, Binaries.SC, create);
        s.serviceInstalled(c + SECOND, to, user, "Device Sync Service", SERVICE_PATH, "auto start");
        s.registry(c + SECOND + 10, e.machine(to).services, "HKLM\\System\\CurrentControlSet\\Services\\" + SERVICE
                + "\\ImagePath", SERVICE_PATH);
        long start = c + 7 * MINUTE;
        shell(s, start, svc, Binaries.SC, "sc \\\\" + to.name() + " start " + SERVICE);
        startService(to, start + SECOND);
        s.logoff(start + 3 * MINUTE, to, smb, 3);
    }

    private void collect(Host ws, long t) {
        Proc svc = backdoor.get(ws.name());
        Emit s = step("B8 documents listed for collection");
        Account user = sc.network().userOf(ws);
        Proc cmd = s.start(t, svc, Binaries.CMD, null, "C:\\Windows\\system32\\cmd.exe /c dir /s /b C:\\Users\\"
                + user.name() + "\\Documents\\*.doc* C:\\Users\\" + user.name() + "\\Documents\\*.xls* > "
                + Binaries.B_FOLDER + "d.tmp", svc.session());
        s.file(t + 2 * SECOND, cmd, Binaries.B_FOLDER + "d.tmp");
        s.end(t + 9 * SECOND, cmd);
        step("B5 beacon to the C2").connect(t + MINUTE, svc, C2.get(0), 443, null);
    }
}
