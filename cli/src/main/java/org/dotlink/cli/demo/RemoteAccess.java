package org.dotlink.cli.demo;

/**
 * How one host runs something on another, and what the target logs: PsExec (a network logon, the
 * ADMIN$ share, PSEXESVC.exe written, service 7045 installed and started by services.exe, the command
 * as its child), WMI process creation (a network logon and a child of WmiPrvSE.exe), and copying files
 * over the C$ share. The same code writes the administrators' routine use and the intruders'.
 */
final class RemoteAccess {

    private RemoteAccess() {}

    /**
     * What a remote execution left on the target.
     *
     * @param logon   the network logon session on the target
     * @param host    the process that hosts the command (PSEXESVC.exe or WmiPrvSE.exe)
     * @param command the command's process, a child of {@code host}
     */
    record Run(Host target, Session logon, Proc host, Proc command) {}

    /**
     * PsExec from {@code client} (the PsExec process, already started) to {@code target} as {@code account};
     * {@code asSystem} for {@code -s}.
     *
     * @param serviceBinary the PSEXESVC.exe that this PsExec version carries
     * @param command       the program to run on the target and its command line
     */
    static Run psexec(Emit e, long t, Proc client, Host target, Account account, boolean kerberos, boolean privileged,
                      boolean asSystem, Binary serviceBinary, Binary command, String commandImage, String commandLine) {
        Machine m = e.machine(target);
        Host source = client.host();
        e.connect(t, client, target.ip(), 445, target.fqdn());
        Session logon = e.logon(t + 180, target, account, 3, source.ip(), source.name(), kerberos, privileged);
        e.shareAccess(t + 260, target, logon, source.ip(), "ADMIN$", "\\??\\C:\\Windows");
        e.file(t + 420, m.system, "C:\\Windows\\PSEXESVC.exe");
        e.serviceInstalled(t + 700, target, account, "PSEXESVC", "%SystemRoot%\\PSEXESVC.exe", "demand start");
        e.registry(t + 705, m.services, "HKLM\\System\\CurrentControlSet\\Services\\PSEXESVC\\ImagePath",
                "%SystemRoot%\\PSEXESVC.exe");
        Proc service = e.start(t + 900, m.services, serviceBinary, "C:\\Windows\\PSEXESVC.exe",
                "C:\\Windows\\PSEXESVC.exe", m.systemSession());
        e.serviceState(t + 950, target, "PSEXESVC", "PSEXESVC", true);
        e.shareAccess(t + 1000, target, logon, source.ip(), "IPC$", "");
        Session runAs = asSystem ? m.systemSession() : logon.withIntegrity("High");
        Proc cmd = e.start(t + 1300, service, command, commandImage, commandLine, "C:\\Windows\\system32\\", runAs);
        return new Run(target, logon, service, cmd);
    }

    /** The end of a PsExec run: the command and the service stop, the logon ends. */
    static void psexecEnd(Emit e, long t, Run run) {
        e.end(t, run.command());
        e.end(t + 400, run.host());
        e.serviceState(t + 500, run.target(), "PSEXESVC", "PSEXESVC", false);
        e.logoff(t + 2000, run.target(), run.logon(), 3);
    }

    /**
     * {@code wmic /node:target process call create "..."} from {@code client} (the wmic process, already
     * started): a network logon and a child of WmiPrvSE.exe on the target.
     */
    static Run wmi(Emit e, long t, Proc client, Host target, Account account, boolean privileged, Binary command,
                   String commandLine) {
        Machine m = e.machine(target);
        Host source = client.host();
        e.connect(t, client, target.ip(), 135, target.fqdn());
        Session logon = e.logon(t + 150, target, account, 3, source.ip(), source.name(), false, privileged);
        Proc dcom = m.svchost.getOrDefault("DcomLaunch", m.services);
        Proc wmiprvse = e.start(t + 600, dcom, Binaries.WMIPRVSE, null,
                "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding", m.networkService());
        e.connect(t + 700, client, target.ip(), 49672, target.fqdn());
        Proc cmd = e.start(t + 1200, wmiprvse, command, null, commandLine, "C:\\Windows\\system32\\",
                logon.withIntegrity("High"));
        return new Run(target, logon, wmiprvse, cmd);
    }

    /**
     * {@code net use \\target\C$} and copies: a network logon, the C$ share, and each file written on the
     * target by the System process. Returns the logon session (the caller logs it off).
     */
    static Session copyOverSmb(Emit e, long t, Proc client, Host target, Account account, boolean privileged,
                               String... targetPaths) {
        Machine m = e.machine(target);
        Host source = client.host();
        e.connect(t, client, target.ip(), 445, target.fqdn());
        Session logon = e.logon(t + 200, target, account, 3, source.ip(), source.name(), true, privileged);
        e.shareAccess(t + 300, target, logon, source.ip(), "C$", "\\??\\C:\\");
        long at = t + 900;
        for (String path : targetPaths) {
            e.file(at, m.system, path);
            at += 350;
        }
        return logon;
    }
}
