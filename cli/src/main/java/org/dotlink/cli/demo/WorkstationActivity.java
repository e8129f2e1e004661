package org.dotlink.cli.demo;

import static org.dotlink.cli.demo.ScenarioTime.HOUR;
import static org.dotlink.cli.demo.ScenarioTime.MINUTE;
import static org.dotlink.cli.demo.ScenarioTime.SECOND;

import java.util.List;

/**
 * Office work on the ten workstations: on workdays the user logs on in the morning (the shell, OneDrive
 * setting its Run key, Outlook, Chrome and its helpers, documents opened from mail or downloads, the
 * search indexer's helpers, background tasks) and signs out in the evening; around the clock Windows'
 * own background processes and Defender (which reads LSASS and loads its signed DLLs from ProgramData:
 * look-alikes). On the patch day, updates are installed and the machines restart in the evening.
 */
final class WorkstationActivity implements Agenda.Activity {

    private static final String CHROME_CHILD = "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=%s"
            + " --field-trial-handle=1640,9870354201147381046,2385924126315437714,131072 --lang=en-US"
            + " --service-sandbox-type=%s --mojo-platform-channel-handle=%d /prefetch:%d";
    private static final List<String> DOCUMENTS = List.of("Weekly_NOC_Report.xlsx", "Invoice_Reconciliation_Feb.xlsx",
            "Site_Survey_Bandung.docx", "Minutes_Ops_Meeting.docx", "Tariff_Plan_Q2.pdf", "Interconnect_Agreement.pdf",
            "Capacity_Forecast_2021.xlsx", "Change_Request_CR-2291.docx", "Roaming_Settlement_Jan.pdf",
            "Training_Schedule.pdf");

    private final Scenario sc;
    private final Rng rng;
    private final Emit e;

    WorkstationActivity(Scenario sc) {
        this.sc = sc;
        this.rng = new Rng(sc.seed(), "workstations");
        this.e = sc.emit(null, rng);
    }

    @Override
    public void plan(int day, Agenda agenda) {
        for (Host ws : sc.network().byRole(Host.Role.WORKSTATION)) {
            if (ScenarioTime.isWorkday(day)) {
                long logon = ScenarioTime.at(day, 1, 0) + rng.between(0, 70) * MINUTE + rng.between(0, 59) * SECOND;
                long logoff = ScenarioTime.at(day, 9, 30) + rng.between(0, 90) * MINUTE;
                agenda.at(logon, () -> officeDay(ws, logon, logoff));
            }
            for (int hour = 0; hour < 24; hour++) {
                long t = ScenarioTime.at(day, hour, rng.between(0, 59));
                agenda.at(t, () -> background(ws, t));
            }
            if (day == ScenarioTime.PATCH_DAY) {
                long t = ScenarioTime.at(day, 11, 40) + rng.between(0, 20) * MINUTE;
                agenda.at(t, () -> update(ws, t));
            }
        }
    }

    private double scale() {
        return sc.scale();
    }

    private void officeDay(Host ws, long t0, long end) {
        Machine m = e.machine(ws);
        Account user = sc.network().userOf(ws);
        Host dc = rng.pick(sc.network().byRole(Host.Role.DOMAIN_CONTROLLER));
        Session dcLogon = e.logon(t0 - 900, dc, user, 3, ws.ip(), ws.name(), true, false);
        e.logoff(t0 + rng.between(3, 40) * SECOND, dc, dcLogon, 3);
        Desktop d = Desktop.open(e, t0, ws, user, 2, null, null, false);
        m.desktop = d;
        Session s = d.session();
        Proc netsvcs = m.svchost.get("netsvcs");
        Proc dcom = m.svchost.get("DcomLaunch");
        Proc sihost = e.start(t0 + 1900, netsvcs, Binaries.SIHOST, null, "sihost.exe", s);
        Proc taskhost = e.start(t0 + 2100, netsvcs, Binaries.TASKHOSTW, null,
                "taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}", s);
        Proc broker = e.start(t0 + 5200, dcom, Binaries.RUNTIME_BROKER, null,
                "C:\\Windows\\System32\\RuntimeBroker.exe -Embedding", s);
        Proc onedrive = d.run(e, t0 + 9 * SECOND, Binaries.ONEDRIVE,
                "\"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe\" /background");
        e.as(Label.lookalike("program setting its own Run key (OneDrive)")).registry(t0 + 11 * SECOND, onedrive,
                "HKU\\" + user.sid() + "\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDrive",
                "\"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe\" /background");
        for (int i = rng.count(6 * scale()); i > 0; i--) {
            e.connect(rng.between(t0, end), onedrive, Network.PROXY_IP, 8080, "proxy.sundatel.local");
        }

        long outlookAt = t0 + rng.between(40, 300) * SECOND;
        Proc outlook = d.run(e, outlookAt, Binaries.OUTLOOK,
                "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\" ");
        m.outlook = outlook;
        Host mailbox = sc.network().mailUserOf(user).server();
        for (long t = outlookAt + 20 * SECOND; t < end; t += rng.between(6, 20) * MINUTE / Math.max(scale(), 0.2)) {
            e.connect(t, outlook, mailbox.ip(), 443, mailbox.fqdn());
        }

        long chromeAt = t0 + rng.between(2, 50) * MINUTE;
        Proc chrome = d.run(e, chromeAt, Binaries.CHROME, "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" ");
        e.start(chromeAt + 400, chrome, Binaries.CHROME, String.format(CHROME_CHILD, "gpu-process", "none", 1700, 2));
        e.start(chromeAt + 600, chrome, Binaries.CHROME, String.format(CHROME_CHILD, "utility", "network", 1932, 8));
        for (int i = rng.count(10 * scale()); i > 0; i--) {
            long t = rng.between(chromeAt + SECOND, end - MINUTE);
            Proc r = e.start(t, chrome, Binaries.CHROME, String.format(CHROME_CHILD, "renderer", "none",
                    rng.between(2000, 9000), 1));
            e.end(Math.min(end, t + rng.between(1, 120) * MINUTE), r);
        }
        for (int i = rng.count(140 * scale()); i > 0; i--) {
            e.connect(rng.between(chromeAt + SECOND, end), chrome, Network.PROXY_IP, 8080, "proxy.sundatel.local");
        }

        for (int i = rng.count(2.5); i > 0; i--) {
            openDocument(d, outlook, chrome, rng.between(t0 + 10 * MINUTE, end - 30 * MINUTE));
        }
        Proc indexer = m.searchIndexer;
        for (long t = t0 + rng.between(5, 40) * MINUTE; t < end; t += rng.between(25, 70) * MINUTE) {
            Proc protocol = e.start(t, indexer, Binaries.SEARCH_PROTOCOL_HOST, null,
                    "\"C:\\Windows\\system32\\SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe" + rng.between(1, 90)
                            + "_ Global\\UsGthrCtrlFltPipeMssGthrPipe" + rng.between(1, 90) + " 1 -2147483646 \"Software"
                            + "\\Microsoft\\Windows Search\" \"Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0"
                            + " Robot)\" \"C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc\" \"DownLevelDaemon\" ",
                    m.systemSession());
            Proc filter = e.start(t + 300, indexer, Binaries.SEARCH_FILTER_HOST, null,
                    "\"C:\\Windows\\system32\\SearchFilterHost.exe\" 0 764 768 776 8192 772 ", m.systemSession());
            e.end(t + rng.between(40, 200) * SECOND, filter);
            e.end(t + rng.between(200, 400) * SECOND, protocol);
        }
        for (int i = rng.count(5 * scale()); i > 0; i--) {
            long t = rng.between(t0, end);
            Proc p = e.start(t, dcom, Binaries.BACKGROUND_TASK_HOST, null, "\"C:\\Windows\\system32\\backgroundTaskHost.exe\""
                    + " -ServerName:App.AppXmtcan0h2tfbfy7k9kn8hbxb6dmzz1zh0.mca", s);
            e.end(t + rng.between(2, 30) * SECOND, p);
        }
        for (int i = rng.count(4); i > 0; i--) {
            e.file(rng.between(t0, end), d.explorer(), "C:\\Users\\" + user.name()
                    + "\\AppData\\Roaming\\Microsoft\\Windows\\Recent\\" + rng.pick(DOCUMENTS) + ".lnk");
        }
        if (rng.chance(0.3)) {
            long t = rng.between(t0, end - HOUR);
            e.end(t + rng.between(1, 50) * MINUTE, d.run(e, t, Binaries.NOTEPAD, "\"C:\\Windows\\system32\\notepad.exe\" "));
        }

        e.as(Label.lookalike("Defender reading LSASS memory")).access(rng.between(t0, end), m.defender, m.lsass, "0x1010",
                "C:\\Windows\\SYSTEM32\\ntdll.dll+9c534|C:\\Windows\\System32\\KERNELBASE.dll+2b8ae|" + Binaries.MSMPENG.path()
                        + "+1f2a3|C:\\Windows\\System32\\KERNEL32.DLL+17bd4|C:\\Windows\\SYSTEM32\\ntdll.dll+6ced1");

        e.end(end - 20 * SECOND, chrome);
        e.end(end - 15 * SECOND, outlook);
        e.end(end - 5 * SECOND, onedrive);
        e.end(end - 3 * SECOND, broker);
        e.end(end - 2 * SECOND, taskhost);
        e.end(end - SECOND, sihost);
        d.close(e, end);
    }

    private void openDocument(Desktop d, Proc outlook, Proc chrome, long t) {
        String name = rng.pick(DOCUMENTS);
        String user = d.session().account().name();
        Binary app = name.endsWith(".pdf") ? Binaries.ACROBAT : name.endsWith(".xlsx") ? Binaries.EXCEL : Binaries.WINWORD;
        Proc parent;
        String path;
        if (rng.chance(0.6)) {
            path = "C:\\Users\\" + user + "\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\"
                    + rng.hex(8).toUpperCase() + "\\" + name;
            e.file(t - 2 * SECOND, outlook, path);
            parent = outlook;
        } else {
            path = "C:\\Users\\" + user + "\\Downloads\\" + name;
            e.file(t - 20 * SECOND, chrome, path);
            parent = d.explorer();
        }
        String cmd = app == Binaries.ACROBAT ? "\"" + app.path() + "\" \"" + path + "\""
                : "\"" + app.path() + "\" /n \"" + path + "\" /o \"\"";
        Proc p = e.start(t, parent, app, null, cmd, "C:\\Users\\" + user + "\\Documents\\", d.session());
        if (app != Binaries.ACROBAT) {
            int dot = name.lastIndexOf('.');
            e.file(t + 3 * SECOND, p, path.substring(0, path.lastIndexOf('\\') + 1) + "~$" + name.substring(Math.min(2, dot)));
        }
        e.end(t + rng.between(3, 45) * MINUTE, p);
    }

    /** Windows' own hourly background on a workstation, day and night. */
    private void background(Host ws, long t) {
        Machine m = e.machine(ws);
        Proc netsvcs = m.svchost.get("netsvcs");
        if (rng.chance(0.7)) {
            Host dc = rng.pick(sc.network().byRole(Host.Role.DOMAIN_CONTROLLER));
            e.connect(t, netsvcs, dc.ip(), 389, dc.fqdn());
            e.connect(t + 40, netsvcs, dc.ip(), 445, dc.fqdn());
        }
        if (rng.chance(0.35 * scale())) {
            Proc p = e.start(t + 5 * SECOND, netsvcs, Binaries.TASKHOSTW, null, "taskhostw.exe SYSTEM", m.systemSession());
            e.end(t + rng.between(10, 300) * SECOND, p);
        }
        if (rng.chance(0.5 * scale())) {
            e.connect(t + rng.between(1, 50) * MINUTE, m.defender, Network.PROXY_IP, 8080, "proxy.sundatel.local");
        }
        if (rng.chance(0.05)) {
            e.as(Label.lookalike("signed program loading a signed DLL from ProgramData (Defender)"))
                    .load(t + 2 * MINUTE, m.defender, Binaries.MPCLIENT_DLL, null);
        }
        if (rng.chance(0.04)) {
            Proc updater = e.start(t + 3 * MINUTE, m.svchost.get("Schedule"), Binaries.GOOGLE_UPDATE, null,
                    "\"C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe\" /ua /installsource scheduler",
                    m.systemSession());
            e.connect(t + 3 * MINUTE + 900, updater, Network.PROXY_IP, 8080, "proxy.sundatel.local");
            e.end(t + 4 * MINUTE, updater);
        }
    }

    /** Patch Tuesday's updates, installed the next evening, then a restart. */
    private void update(Host ws, long t) {
        Machine m = e.machine(ws);
        Proc installer = e.start(t, m.services, Binaries.TRUSTED_INSTALLER, null,
                "C:\\Windows\\servicing\\TrustedInstaller.exe", m.systemSession());
        Proc worker = e.start(t + 2 * SECOND, m.svchost.get("DcomLaunch"), Binaries.TIWORKER, null,
                Binaries.TIWORKER.path() + " -Embedding", m.systemSession());
        for (int i = 0; i < 6; i++) {
            e.file(t + (10 + i * 40) * SECOND, worker, "C:\\Windows\\SoftwareDistribution\\Download\\"
                    + rng.hex(32) + "\\Windows10.0-KB500" + rng.between(1000, 1999) + "-x64.cab");
        }
        Proc msi = e.start(t + 5 * MINUTE, m.services, Binaries.MSIEXEC, null, "C:\\Windows\\system32\\msiexec.exe /V",
                m.systemSession());
        e.file(t + 6 * MINUTE, msi, "C:\\Program Files (x86)\\Adobe\\Acrobat Reader DC\\Reader\\AcroRd32.dll");
        e.end(t + 9 * MINUTE, msi);
        e.end(t + 14 * MINUTE, worker);
        e.end(t + 15 * MINUTE, installer);
        Restart.restart(e, ws, t + 16 * MINUTE);
    }
}
