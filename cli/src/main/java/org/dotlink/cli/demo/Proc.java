package org.dotlink.cli.demo;

/**
 * A process that started on a host: what Sysmon recorded when it did, and what its children and the
 * events it causes refer to.
 *
 * @param guid    Sysmon's process GUID, upper case with braces
 * @param image   the full path it ran from (a renamed or copied file keeps its {@link Binary}'s hashes)
 * @param parent  the process that started it, or null for the kernel's own
 * @param started epoch milliseconds
 */
record Proc(Host host, String guid, int pid, String image, Binary binary, String commandLine, String currentDirectory,
            Session session, Proc parent, long started) {

    String user() {
        return session.user();
    }
}
