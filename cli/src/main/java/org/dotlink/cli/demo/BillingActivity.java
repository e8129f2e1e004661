package org.dotlink.cli.demo;

import static org.dotlink.cli.demo.ScenarioTime.MINUTE;
import static org.dotlink.cli.demo.ScenarioTime.SECOND;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The billing/CDR servers: the collector fetches call detail records from two switches each every
 * quarter of an hour, a scheduled import loads them, a nightly export writes the day's CDRs as CSV, and a
 * nightly backup packs the previous day's records with rar (no password) and moves the archive to the
 * backup share: the look-alike of an intruder staging CDRs.
 */
final class BillingActivity implements Agenda.Activity {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final Scenario sc;
    private final Rng rng;
    private final Emit e;

    BillingActivity(Scenario sc) {
        this.sc = sc;
        this.rng = new Rng(sc.seed(), "billing");
        this.e = sc.emit(null, rng);
    }

    @Override
    public void plan(int day, Agenda agenda) {
        int index = 0;
        long every = (long) (15 * MINUTE / Math.max(sc.scale(), 0.1));
        for (Host h : sc.network().byRole(Host.Role.BILLING)) {
            int first = index * 2;
            for (long t = ScenarioTime.dayStart(day) + rng.between(0, 60) * SECOND; t < ScenarioTime.dayStart(day + 1);
                 t += every) {
                long at = t;
                agenda.at(at, () -> collect(h, at, first));
            }
            long export = ScenarioTime.at(day, 17, 30) + rng.between(0, 120) * SECOND;
            agenda.at(export, () -> export(h, export));
            long backup = ScenarioTime.at(day, 18, 0) + rng.between(0, 60) * SECOND;
            agenda.at(backup, () -> backup(h, backup));
            index++;
        }
    }

    private void collect(Host h, long t, int firstSwitch) {
        Proc collector = Services.get(e, h, "NusaBillCdrCollector");
        for (int s = firstSwitch; s < firstSwitch + 2; s++) {
            long at = t + s * 7 * SECOND;
            e.connect(at, collector, Network.SWITCH_IPS.get(s), 22, null);
            e.file(at + 4 * SECOND, collector, "D:\\CDR\\incoming\\MSC0" + (s + 1) + "_"
                    + STAMP.format(Instant.ofEpochMilli(t)) + ".cdr");
        }
        Machine m = e.machine(h);
        Session batch = e.logon(t + 40 * SECOND, h, sc.network().account("svc_billing"), 4, null, null, false, false);
        Proc p = e.start(t + 41 * SECOND, m.svchost.get("Schedule"), Binaries.CDR_IMPORT, null,
                Binaries.CDR_IMPORT.path() + " --from D:\\CDR\\incoming --to D:\\CDR\\archive", "D:\\BillingApp\\bin\\",
                batch);
        e.end(t + rng.between(60, 150) * SECOND, p);
        e.logoff(t + 160 * SECOND, h, batch, 4);
    }

    private void export(Host h, long t) {
        Machine m = e.machine(h);
        Session batch = e.logon(t, h, sc.network().account("svc_billing"), 4, null, null, false, false);
        String date = DATE.format(Instant.ofEpochMilli(t));
        Proc p = e.start(t + SECOND, m.svchost.get("Schedule"), Binaries.CDR_EXPORT, null,
                Binaries.CDR_EXPORT.path() + " --daily --out D:\\CDR\\export", "D:\\BillingApp\\bin\\", batch);
        e.file(t + 40 * SECOND, p, "D:\\CDR\\export\\cdr_" + date + ".csv");
        e.end(t + 4 * MINUTE, p);
        e.logoff(t + 4 * MINUTE + 2 * SECOND, h, batch, 4);
    }

    private void backup(Host h, long t) {
        Emit b = e.as(Label.lookalike("rar backup of call records to the backup share (no password)"));
        Machine m = e.machine(h);
        String date = DATE.format(Instant.ofEpochMilli(t - ScenarioTime.DAY));
        Session batch = b.logon(t, h, sc.network().account("svc_backup"), 4, null, null, false, true);
        Proc cmd = b.start(t + SECOND, m.svchost.get("Schedule"), Binaries.CMD, null,
                "C:\\Windows\\system32\\cmd.exe /c D:\\Scripts\\backup_cdr.cmd", "D:\\Scripts\\", batch);
        Proc rar = b.start(t + 2 * SECOND, cmd, Binaries.RAR, "\"C:\\Program Files\\WinRAR\\Rar.exe\" a -r -m3 -ep1"
                + " D:\\Backup\\cdr_" + date + ".rar D:\\CDR\\archive\\" + date + "\\");
        b.file(t + 3 * SECOND, rar, "D:\\Backup\\cdr_" + date + ".rar");
        b.end(t + rng.between(6, 14) * MINUTE, rar);
        long copy = t + 15 * MINUTE;
        Proc robocopy = b.start(copy, cmd, Binaries.ROBOCOPY, "robocopy D:\\Backup \\\\NAS01\\backup$\\" + h.name()
                + " cdr_" + date + ".rar /MOV /R:2 /W:30 /NP");
        b.connect(copy + 200, robocopy, Network.NAS_IP, 445, "nas01.sundatel.local");
        b.end(copy + rng.between(3, 9) * MINUTE, robocopy);
        b.end(copy + 10 * MINUTE, cmd);
        b.logoff(copy + 10 * MINUTE + SECOND, h, batch, 4);
    }
}
