package org.dotlink.cli.demo;

/**
 * An interactive desktop: a console logon (type 2) or a Remote Desktop logon (type 10), with the shell
 * it started (userinit.exe, then explorer.exe; rdpclip.exe for RDP). Programs the user starts are
 * children of {@link #explorer}.
 */
record Desktop(Host host, Session session, int logonType, Proc explorer) {

    /**
     * Logs {@code account} on to {@code host}: 4624 (and 4672 when privileged), then the shell's
     * processes.
     *
     * @param fromIp   for RDP: the client's address
     * @param fromName for RDP: the client's name
     */
    static Desktop open(Emit e, long t, Host host, Account account, int type, String fromIp, String fromName,
                        boolean privileged) {
        Machine m = e.machine(host);
        Session s = e.logon(t, host, account, type, fromIp, fromName, true, privileged);
        s = new Session(s.account(), s.logonId(), s.logonGuid(), s.terminal(), privileged ? "High" : "Medium");
        Proc userinit = e.start(t + 2100, m.winlogon, Binaries.USERINIT, null, "C:\\Windows\\system32\\userinit.exe", s);
        Proc explorer = e.start(t + 2600, userinit, Binaries.EXPLORER, null, "C:\\Windows\\Explorer.EXE",
                "C:\\Windows\\system32\\", s);
        e.end(t + 9000, userinit);
        if (type == 10) {
            Proc termsvcs = m.svchost.getOrDefault("termsvcs", m.services);
            e.start(t + 3500, termsvcs, Binaries.RDPCLIP, null, "rdpclip", s);
        }
        return new Desktop(host, s, type, explorer);
    }

    /** Signs out: 4647, explorer ends, 4634. */
    void close(Emit e, long t) {
        e.userLogoff(t, host, session);
        e.end(t + 1500, explorer);
        e.logoff(t + 4000, host, session, logonType);
    }

    /** Starts a program from the desktop (a child of explorer.exe, in the user's session). */
    Proc run(Emit e, long t, Binary binary, String commandLine) {
        return e.start(t, explorer, binary, null, commandLine, "C:\\Users\\" + session.account().name() + "\\", session);
    }
}
