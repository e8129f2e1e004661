package org.dotlink.story;

import java.util.Set;

/**
 * Entities that link everything and so must never join two findings: system processes that start most
 * others, the system accounts, and the logon sessions of the system itself. Fixed lists for what every
 * Windows host has; fan-out measured in the data ({@link EntityTable}) catches the rest.
 */
final class Hubs {

    /** Processes whose children are unrelated to one another. */
    static final Set<String> PROCESSES = Set.of("system", "smss.exe", "csrss.exe", "wininit.exe", "winlogon.exe",
            "services.exe", "svchost.exe", "lsass.exe", "explorer.exe", "userinit.exe", "taskeng.exe", "taskhostw.exe",
            "taskhost.exe", "sihost.exe", "runtimebroker.exe", "dllhost.exe", "msiexec.exe", "ccmexec.exe");

    /** Accounts every host has. */
    static final Set<String> ACCOUNTS = Set.of("nt authority\\system", "system", "nt authority\\local service",
            "local service", "nt authority\\network service", "network service", "anonymous logon",
            "nt authority\\anonymous logon", "localsystem", "-", "");

    /** Logon ids of the system's own sessions (SYSTEM, LOCAL SERVICE, NETWORK SERVICE). */
    static final Set<String> LOGON_IDS = Set.of("0x3e7", "0x3e4", "0x3e5", "0x0");

    /** A process with more children than this is a hub whatever its name. */
    static final int MAX_CHILDREN = 200;

    private Hubs() {}

    static boolean account(String user) {
        if (user == null || ACCOUNTS.contains(user)) {
            return true;
        }
        int slash = user.lastIndexOf('\\');
        String name = slash >= 0 ? user.substring(slash + 1) : user;
        return name.endsWith("$") || ACCOUNTS.contains(name) || name.startsWith("dwm-") || name.startsWith("umfd-");
    }

    static boolean logon(String logonKey) {
        if (logonKey == null) {
            return true;
        }
        return LOGON_IDS.contains(logonKey.substring(logonKey.indexOf('|') + 1));
    }
}
