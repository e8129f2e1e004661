package org.dotlink.core;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The one table of canonical field names, and the interning that makes field lookup a reference
 * comparison. Readers intern each name once (per template, per JSON key shape), never per value.
 */
public final class FieldNames {

    public static final String EVENT_ID = "EventID";
    public static final String CHANNEL = "Channel";
    public static final String COMPUTER = "Computer";
    public static final String PROVIDER_NAME = "Provider_Name";
    public static final String PROVIDER_GUID = "Provider_Guid";
    public static final String EVENT_RECORD_ID = "EventRecordID";
    public static final String LEVEL = "Level";
    public static final String TASK = "Task";
    public static final String OPCODE = "Opcode";
    public static final String KEYWORDS = "Keywords";
    public static final String VERSION = "Version";
    public static final String TIME_CREATED = "TimeCreated_SystemTime";
    public static final String PROCESS_ID = "Execution_ProcessID";
    public static final String THREAD_ID = "Execution_ThreadID";
    public static final String USER_ID = "Security_UserID";
    /** Unnamed {@code <Data>} values of EventData, in order. */
    public static final String DATA = "Data";
    /** The {@code <Binary>} element of EventData, as uppercase hex. */
    public static final String BINARY = "Binary";

    private static final ConcurrentHashMap<String, String> NAMES = new ConcurrentHashMap<>();

    static {
        for (String n : new String[] {EVENT_ID, CHANNEL, COMPUTER, PROVIDER_NAME, PROVIDER_GUID, EVENT_RECORD_ID,
                LEVEL, TASK, OPCODE, KEYWORDS, VERSION, TIME_CREATED, PROCESS_ID, THREAD_ID, USER_ID, DATA, BINARY}) {
            NAMES.put(n, n);
        }
    }

    private FieldNames() {}

    /** The canonical instance of {@code name}, registering it when new. */
    public static String intern(String name) {
        String known = NAMES.get(name);
        if (known != null) {
            return known;
        }
        String fresh = NAMES.putIfAbsent(name, name);
        return fresh == null ? name : fresh;
    }

    /** The canonical instance of {@code name}, or null when no event has such a field. */
    public static String lookup(String name) {
        return NAMES.get(name);
    }
}
