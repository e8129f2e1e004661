package org.dotlink.cli.demo;

/**
 * A logon session processes run in, as Sysmon names it in every process start.
 *
 * @param account   who
 * @param logonId   {@code 0x3e7}, lower-case hex as Windows renders it
 * @param logonGuid Sysmon's logon GUID (the host's id, the boot time and the logon id), upper case
 * @param terminal  the terminal session ({@code 0} for services, {@code 1}+ for desktops)
 * @param integrity {@code System}, {@code High}, {@code Medium}
 */
record Session(Account account, String logonId, String logonGuid, int terminal, String integrity) {

    String user() {
        return account.qualified();
    }

    Session withIntegrity(String level) {
        return new Session(account, logonId, logonGuid, terminal, level);
    }
}
