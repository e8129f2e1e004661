package org.dotlink.cli.demo;

/**
 * A host restarts (after updates): the boot's processes are written with new process ids and GUIDs,
 * the system logs on, the main services report running, and an Exchange server's IIS starts a new log
 * header block. Processes that ran before are gone; the next use of an IIS application pool starts a
 * new worker.
 */
final class Restart {

    private Restart() {}

    static void restart(Emit e, Host h, long t) {
        Machine m = e.machine(h);
        long boot = t + 75_000;
        for (Proc p : m.reboot(boot)) {
            e.started(p);
        }
        e.systemLogon(boot + 6_000, h);
        e.serviceState(boot + 9_000, h, "Windows Event Log", "EventLog", true);
        e.serviceState(boot + 14_000, h, "Sysmon64", "Sysmon64", true);
        e.serviceState(boot + 21_000, h, "Microsoft Defender Antivirus Service", "WinDefend", true);
        Services.startAll(e, h);
        if (h.role() == Host.Role.EXCHANGE) {
            e.serviceState(boot + 60_000, h, "World Wide Web Publishing Service", "W3SVC", true);
            e.scenario().out().webServerRestarted(h, boot + 61_000);
        }
    }
}
