package org.dotlink.cli.demo;

import static org.dotlink.cli.demo.ScenarioTime.MINUTE;
import static org.dotlink.cli.demo.ScenarioTime.SECOND;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The IT staff's work, most of it a look-alike of attacker behaviour: each morning an administrator opens
 * a command prompt as their admin account (runas); from it, PsExec to servers and workstations for
 * routine checks, scheduled tasks registered to run as SYSTEM; Remote Desktop to a domain controller to
 * list Domain Admins or add a colleague to an ordinary group; a helpdesk colleague's burst of
 * troubleshooting commands; and on the patch day the Exchange security update (which writes .aspx pages
 * into the OWA folders, after which IIS compiles them with csc.exe) and restarts of the Exchange servers.
 */
final class AdminActivity implements Agenda.Activity {

    /** An administrator's elevated command prompt of the day. */
    private record AdminShell(Session session, Proc cmd) {}

    private final Scenario sc;
    private final Rng rng;
    private final Emit e;
    private final Map<String, AdminShell> shells = new HashMap<>();

    AdminActivity(Scenario sc) {
        this.sc = sc;
        this.rng = new Rng(sc.seed(), "admins");
        this.e = sc.emit(null, rng);
    }

    @Override
    public void plan(int day, Agenda agenda) {
        Network net = sc.network();
        if (ScenarioTime.isWorkday(day)) {
            for (Host ws : List.of(net.host("WS-IT01"), net.host("WS-IT02"))) {
                long shell = ScenarioTime.at(day, 2, 20) + rng.between(0, 40) * MINUTE;
                agenda.at(shell, () -> adminShell(ws, shell));
                if (rng.chance(0.55)) {
                    long t = ScenarioTime.at(day, 3, 0) + rng.between(0, 6 * 60) * MINUTE;
                    agenda.at(t, () -> psexec(ws, t));
                }
                if (rng.chance(0.25) || day == 3 && ws.name().equals("WS-IT01") || day == 12 && ws.name().equals("WS-IT02")) {
                    long t = ScenarioTime.at(day, 3, 30) + rng.between(0, 5 * 60) * MINUTE;
                    boolean addToGroup = day == 3 || day == 12;
                    agenda.at(t, () -> domainControllerWork(ws, t, addToGroup));
                }
            }
            if (day == 1) {
                long t = ScenarioTime.at(day, 6, 10);
                agenda.at(t, () -> remoteTask(net.host("WS-IT02"), net.host("BILL02"), t));
            }
            if (day == 10) {
                long t = ScenarioTime.at(day, 7, 25);
                agenda.at(t, () -> cleanupTask(net.host("WS-IT01"), net.host("EXCH01"), t));
            }
            if (day == 2 || day == 11) {
                long t = ScenarioTime.at(day, 4, 0) + rng.between(0, 50) * MINUTE;
                agenda.at(t, () -> helpdesk(net.host("WS-CS01"), t));
            }
        }
        if (day == ScenarioTime.PATCH_DAY) {
            long t1 = ScenarioTime.at(day, 14, 0);
            agenda.at(t1, () -> exchangeUpdate(net.host("EXCH01"), t1));
            long t2 = ScenarioTime.at(day, 14, 45);
            agenda.at(t2, () -> exchangeUpdate(net.host("EXCH02"), t2));
        }
    }

    /** runas /user:SUNDATEL\adm.x cmd from the administrator's desktop. */
    private void adminShell(Host ws, long t) {
        Machine m = e.machine(ws);
        Desktop d = m.desktop;
        Account admin = sc.network().adminOf(ws);
        Proc runas = d.run(e, t, Binaries.RUNAS, "runas /user:" + admin.qualified() + " cmd");
        e.explicitCredentials(t + 6 * SECOND, runas, d.session(), admin, "localhost", "localhost", null);
        Session s = e.logon(t + 6 * SECOND, ws, admin, 2, null, null, true, true);
        Proc cmd = e.start(t + 7 * SECOND, m.svchost.get("netsvcs"), Binaries.CMD, null, "cmd", "C:\\Windows\\system32\\",
                new Session(admin, s.logonId(), s.logonGuid(), d.session().terminal(), "High"));
        e.end(t + 8 * SECOND, runas);
        shells.put(ws.name(), new AdminShell(s, cmd));
    }

    private void psexec(Host ws, long t) {
        AdminShell shell = shells.get(ws.name());
        if (shell == null) {
            return;
        }
        Network net = sc.network();
        Emit admin = e.as(Label.lookalike("administrator's PsExec"));
        List<Host> targets = net.hosts().stream().filter(h -> !h.equals(ws) && h.role() != Host.Role.JUMP_HOST).toList();
        Host target = rng.pick(targets);
        String[] check = switch (target.role()) {
            case BILLING -> rng.pick(new String[] {"sc", "query NusaBillEngine"}, new String[] {"tasklist", "/svc /fi \"imagename eq CdrCollector.exe\""});
            case EXCHANGE -> rng.pick(new String[] {"sc", "query MSExchangeTransport"}, new String[] {"wevtutil", "qe Application /c:20 /rd:true /f:text"});
            case DOMAIN_CONTROLLER -> rng.pick(new String[] {"gpupdate", "/force"}, new String[] {"wevtutil", "qe \"Directory Service\" /c:20 /rd:true /f:text"});
            default -> rng.pick(new String[] {"gpupdate", "/force"}, new String[] {"ipconfig", "/flushdns"});
        };
        Binary program = switch (check[0]) {
            case "sc" -> Binaries.SC;
            case "tasklist" -> Binaries.TASKLIST;
            case "wevtutil" -> Binaries.WEVTUTIL;
            case "gpupdate" -> Binaries.GPUPDATE;
            default -> Binaries.IPCONFIG;
        };
        String remote = "cmd /c \"" + check[0] + " " + check[1] + "\"";
        Proc client = admin.start(t, shell.cmd(), Binaries.PSEXEC, null, "PsExec.exe \\\\" + target.name()
                + " -accepteula " + remote, "C:\\Tools\\SysinternalsSuite\\", shell.cmd().session());
        RemoteAccess.Run run = RemoteAccess.psexec(admin, t + SECOND, client, target, net.adminOf(ws), true, true, false,
                Binaries.PSEXESVC, Binaries.CMD, null, remote);
        Proc p = admin.start(t + 2 * SECOND, run.command(), program, check[0] + " " + check[1]);
        long done = t + rng.between(4, 40) * SECOND;
        admin.end(done, p);
        RemoteAccess.psexecEnd(admin, done + SECOND, run);
        admin.end(done + 3 * SECOND, client);
    }

    private void domainControllerWork(Host ws, long t, boolean addToGroup) {
        Network net = sc.network();
        Machine m = e.machine(ws);
        Account admin = net.adminOf(ws);
        Host dc = rng.pick(net.byRole(Host.Role.DOMAIN_CONTROLLER));
        Proc mstsc = m.desktop.run(e, t, Binaries.MSTSC, "\"C:\\Windows\\system32\\mstsc.exe\" /v:" + dc.name());
        e.connect(t + 2 * SECOND, mstsc, dc.ip(), 3389, dc.fqdn());
        Desktop d = Desktop.open(e, t + 8 * SECOND, dc, admin, 10, ws.ip(), ws.name(), true);
        long at = t + rng.between(1, 4) * MINUTE;
        Proc dsac = d.run(e, at, Binaries.DSAC, "\"C:\\Windows\\system32\\dsac.exe\" ");
        Proc cmd = d.run(e, at + rng.between(2, 10) * MINUTE, Binaries.CMD, "\"C:\\Windows\\system32\\cmd.exe\" ");
        long c = cmd.started() + 20 * SECOND;
        Emit listing = e.as(Label.lookalike("administrator listing Domain Admins"));
        Proc list = listing.start(c, cmd, Binaries.NET, "net group \"Domain Admins\" /domain");
        listing.end(c + 900, listing.start(c + 50, list, Binaries.NET1, "C:\\Windows\\system32\\net1  group \"Domain Admins\" /domain"));
        listing.end(c + 1000, list);
        if (addToGroup) {
            Emit add = e.as(Label.lookalike("administrator adding a user to an ordinary group"));
            long a = c + rng.between(1, 5) * MINUTE;
            Account member = net.account(rng.pick("d.pratama", "s.wulandari", "m.siregar"));
            String args = "group \"Billing Operators\" " + member.name() + " /add /domain";
            Proc n = add.start(a, cmd, Binaries.NET, "net " + args);
            Proc n1 = add.start(a + 40, n, Binaries.NET1, "C:\\Windows\\system32\\net1  " + args);
            add.memberAdded(a + 300, dc, d.session(), member, "Billing Operators", Network.DOMAIN_SID + "-1120", true);
            add.end(a + 700, n1);
            add.end(a + 800, n);
        }
        long leave = c + rng.between(10, 35) * MINUTE;
        e.end(leave - 30 * SECOND, cmd);
        e.end(leave - 20 * SECOND, dsac);
        d.close(e, leave);
        e.end(leave + 3 * SECOND, mstsc);
    }

    /** schtasks /create /s BILL02 ... /ru SYSTEM: the nightly export registered remotely. */
    private void remoteTask(Host ws, Host target, long t) {
        AdminShell shell = shells.get(ws.name());
        if (shell == null) {
            return;
        }
        Emit task = e.as(Label.lookalike("administrator creating a scheduled task that runs as SYSTEM"));
        Account admin = sc.network().adminOf(ws);
        String args = "--daily --out D:\\CDR\\export";
        Proc schtasks = task.start(t, shell.cmd(), Binaries.SCHTASKS, "schtasks /create /s " + target.name()
                + " /ru SYSTEM /sc daily /st 00:30 /tn \"NusaBill\\CDR export\" /tr \"D:\\BillingApp\\bin\\cdr_export.exe "
                + args + "\" /f");
        task.connect(t + 300, schtasks, target.ip(), 135, target.fqdn());
        Session s = task.logon(t + 500, target, admin, 3, ws.ip(), ws.name(), true, true);
        task.taskCreated(t + 900, target, s, "\\NusaBill\\CDR export", TaskXml.of("\\NusaBill\\CDR export",
                admin.qualified(), "2021-03-02T13:10:22", "2021-03-03T00:30:00",
                "<ScheduleByDay>\r\n        <DaysInterval>1</DaysInterval>\r\n      </ScheduleByDay>", "S-1-5-18",
                "D:\\BillingApp\\bin\\cdr_export.exe", args), schtasks);
        task.end(t + 1500, schtasks);
        task.logoff(t + 4000, target, s, 3);
    }

    /** Over RDP on an Exchange server: a weekly SYSTEM task that deletes old IIS logs with cmd.exe. */
    private void cleanupTask(Host ws, Host exchange, long t) {
        Network net = sc.network();
        Account admin = net.adminOf(ws);
        Machine m = e.machine(ws);
        Proc mstsc = m.desktop.run(e, t, Binaries.MSTSC, "\"C:\\Windows\\system32\\mstsc.exe\" /v:" + exchange.name());
        e.connect(t + 2 * SECOND, mstsc, exchange.ip(), 3389, exchange.fqdn());
        Desktop d = Desktop.open(e, t + 8 * SECOND, exchange, admin, 10, ws.ip(), ws.name(), true);
        Proc cmd = d.run(e, t + 2 * MINUTE, Binaries.CMD, "\"C:\\Windows\\system32\\cmd.exe\" ");
        Emit task = e.as(Label.lookalike("administrator creating a scheduled task that runs as SYSTEM"));
        String arguments = "/c forfiles /p C:\\inetpub\\logs\\LogFiles /s /m *.log /d -30 /c \"cmd /c del @path\"";
        long at = t + 3 * MINUTE;
        Proc schtasks = task.start(at, cmd, Binaries.SCHTASKS, "schtasks /create /ru SYSTEM /sc weekly /d SUN /st 03:00"
                + " /tn \"Maintenance\\IIS log cleanup\" /tr \"cmd.exe " + arguments.replace("\"", "\\\"") + "\" /f");
        task.taskCreated(at + 700, exchange, d.session(), "\\Maintenance\\IIS log cleanup", TaskXml.of(
                "\\Maintenance\\IIS log cleanup", admin.qualified(), "2021-03-11T14:28:10", "2021-03-14T03:00:00",
                "<ScheduleByWeek>\r\n        <DaysOfWeek>\r\n          <Sunday />\r\n        </DaysOfWeek>\r\n"
                        + "        <WeeksInterval>1</WeeksInterval>\r\n      </ScheduleByWeek>", "S-1-5-18", "cmd.exe",
                arguments), schtasks);
        task.end(at + 1200, schtasks);
        long leave = at + rng.between(5, 15) * MINUTE;
        e.end(leave - 10 * SECOND, cmd);
        d.close(e, leave);
        e.end(leave + 2 * SECOND, mstsc);
    }

    /** A helpdesk technician troubleshooting a user's network problem: several discovery commands in a row. */
    private void helpdesk(Host ws, long t) {
        Machine m = e.machine(ws);
        Desktop d = m.desktop;
        Emit h = e.as(Label.lookalike("helpdesk troubleshooting with recon-like commands"));
        Proc cmd = d.run(h, t, Binaries.CMD, "\"C:\\Windows\\system32\\cmd.exe\" ");
        String[][] commands = {{"whoami", "whoami /groups"}, {"ipconfig", "ipconfig /all"},
            {"nslookup", "nslookup exch01.sundatel.local"}, {"ping", "ping -n 4 10.10.1.11"},
            {"systeminfo", "systeminfo"}, {"tasklist", "tasklist"}, {"net", "net use"}, {"netstat", "netstat -an"}};
        long at = t + 30 * SECOND;
        for (String[] c : commands) {
            Binary b = switch (c[0]) {
                case "whoami" -> Binaries.WHOAMI;
                case "ipconfig" -> Binaries.IPCONFIG;
                case "nslookup" -> Binaries.NSLOOKUP;
                case "ping" -> Binaries.PING;
                case "systeminfo" -> Binaries.SYSTEMINFO;
                case "tasklist" -> Binaries.TASKLIST;
                case "net" -> Binaries.NET;
                default -> Binaries.NETSTAT;
            };
            Proc p = h.start(at, cmd, b, c[1]);
            h.end(at + rng.between(1, 8) * SECOND, p);
            at += rng.between(20, 70) * SECOND;
        }
        h.end(at + 5 * MINUTE, cmd);
    }

    /**
     * The Exchange security update against ProxyLogon, installed over Remote Desktop from the VPN, then a
     * restart; IIS compiles the updated pages when the OWA pool starts again.
     */
    private void exchangeUpdate(Host h, long t) {
        Network net = sc.network();
        Account admin = net.account("adm.rahman");
        Machine m = e.machine(h);
        Desktop d = Desktop.open(e, t, h, admin, 10, "10.8.0.23", "LT-RAHMAN", true);
        Proc msiUi = d.run(e, t + 2 * MINUTE, Binaries.MSIEXEC, "\"C:\\Windows\\system32\\msiexec.exe\" /update"
                + " \"C:\\Users\\adm.rahman\\Downloads\\Exchange2016-KB5000871-x64-en.msp\"");
        Proc msi = e.start(t + 2 * MINUTE + 3 * SECOND, m.services, Binaries.MSIEXEC, null,
                "C:\\Windows\\system32\\msiexec.exe /V", m.systemSession());
        Emit pages = e.as(Label.lookalike("Exchange security update writing .aspx pages"));
        String[] files = {Binaries.OWA_FOLDER + "auth\\logon.aspx", Binaries.OWA_FOLDER + "auth\\errorFE.aspx",
            Binaries.OWA_FOLDER + "auth\\expiredpassword.aspx", Binaries.OWA_FOLDER + "auth\\frowny.aspx",
            Binaries.OWA_FOLDER + "auth\\signout.aspx", Binaries.OWA_FOLDER + "auth\\OutlookCN.aspx",
            Binaries.ECP_FOLDER + "auth\\TimeoutLogout.aspx", Binaries.ECP_FOLDER + "About.aspx",
            Binaries.ECP_FOLDER + "default.aspx", Binaries.ECP_FOLDER + "PersonalSettings\\HomePage.aspx"};
        long at = t + 9 * MINUTE;
        for (String f : files) {
            pages.file(at, msi, f);
            at += rng.between(2, 20) * SECOND;
        }
        e.file(at + 5 * SECOND, msi, Binaries.OWA_FOLDER + "bin\\Microsoft.Exchange.Clients.Owa2.Server.dll");
        long done = t + 48 * MINUTE;
        e.end(done, msi);
        e.end(done + 2 * SECOND, msiUi);
        d.close(e, done + MINUTE);
        long restart = done + 3 * MINUTE;
        Restart.restart(e, h, restart);
        long compile = restart + 8 * MINUTE;
        Proc w3wp = ExchangeActivity.pool(e, h, ExchangeActivity.OWA_POOL, compile - 20 * SECOND);
        Emit csc = e.as(Label.lookalike("IIS worker compiling ASP.NET pages after the update (csc.exe)"));
        Proc c = csc.start(compile, w3wp, Binaries.CSC, null, "\"" + Binaries.CSC.path() + "\" /noconfig /fullpaths"
                + " @\"C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Temporary ASP.NET Files\\owa\\2f9c8b1e\\58a2e8d3\\"
                + rng.hex(8) + ".cmdline\"", "C:\\Windows\\system32\\inetsrv\\", m.systemSession());
        Proc cv = csc.start(compile + 900, c, Binaries.CVTRES, null, "C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319"
                + "\\cvtres.exe /NOLOGO /READONLY /MACHINE:IX86 \"/OUT:C:\\Windows\\TEMP\\RES" + rng.hex(4).toUpperCase()
                + ".tmp\"", "C:\\Windows\\system32\\inetsrv\\", m.systemSession());
        csc.end(compile + 1300, cv);
        csc.end(compile + 2600, c);
    }
}
