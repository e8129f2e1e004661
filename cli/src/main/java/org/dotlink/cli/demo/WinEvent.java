package org.dotlink.cli.demo;

/**
 * One Windows event before it is written: its kind, time, host, the process that logged it, and its
 * EventData in the order Windows writes it. The record number is given when the event is written, in
 * time order per host and channel.
 *
 * @param time      epoch milliseconds of {@code TimeCreated}
 * @param pid       {@code Execution_ProcessID}: the logging process (Sysmon, lsass, services)
 * @param userSid   {@code Security_UserID}, or null where the event has none
 * @param names     EventData names
 * @param values    EventData values, parallel to {@code names}
 * @param label     what the generator knows about it, or null for ordinary activity
 */
record WinEvent(EventKind kind, long time, Host host, int pid, int threadId, String userSid, String[] names,
                String[] values, Label label) {
}
