package org.dotlink.cli.demo;

/**
 * The Windows events the scenario writes, with the System values each one has in the event log:
 * provider, version, task (number and the name Winlogbeat writes), keywords.
 */
enum EventKind {
    PROCESS_CREATE(Log.SYSMON, 1, 5, 1, "Process Create (rule: ProcessCreate)"),
    NETWORK_CONNECT(Log.SYSMON, 3, 5, 3, "Network connection detected (rule: NetworkConnect)"),
    PROCESS_TERMINATE(Log.SYSMON, 5, 3, 5, "Process terminated (rule: ProcessTerminate)"),
    IMAGE_LOAD(Log.SYSMON, 7, 3, 7, "Image loaded (rule: ImageLoad)"),
    PROCESS_ACCESS(Log.SYSMON, 10, 3, 10, "Process accessed (rule: ProcessAccess)"),
    FILE_CREATE(Log.SYSMON, 11, 2, 11, "File created (rule: FileCreate)"),
    REGISTRY_SET(Log.SYSMON, 13, 2, 13, "Registry value set (rule: RegistryEvent)"),
    LOGON(Log.SECURITY, 4624, 2, 12544, "Logon"),
    LOGOFF(Log.SECURITY, 4634, 0, 12545, "Logoff"),
    USER_LOGOFF(Log.SECURITY, 4647, 0, 12545, "Logoff"),
    EXPLICIT_CREDENTIALS(Log.SECURITY, 4648, 0, 12544, "Logon"),
    SPECIAL_PRIVILEGES(Log.SECURITY, 4672, 0, 12548, "Special Logon"),
    TASK_CREATED(Log.SECURITY, 4698, 1, 12804, "Other Object Access Events"),
    USER_CREATED(Log.SECURITY, 4720, 0, 13824, "User Account Management"),
    GLOBAL_GROUP_MEMBER_ADDED(Log.SECURITY, 4728, 0, 13826, "Security Group Management"),
    LOCAL_GROUP_MEMBER_ADDED(Log.SECURITY, 4732, 0, 13826, "Security Group Management"),
    SERVICE_TICKET(Log.SECURITY, 4769, 0, 14337, "Kerberos Service Ticket Operations"),
    SHARE_ACCESS(Log.SECURITY, 5140, 1, 12808, "File Share"),
    SERVICE_INSTALLED(Log.SYSTEM, 7045, 0, 0, "None"),
    SERVICE_STATE(Log.SYSTEM, 7036, 0, 0, "None");

    /** An event log channel and its provider. */
    enum Log {
        SYSMON("Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon",
                "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}", 0x8000000000000000L, null),
        SECURITY("Security", "Microsoft-Windows-Security-Auditing", "{54849625-5478-4994-A5BA-3E3B0328C30D}",
                0x8020000000000000L, "Audit Success"),
        SYSTEM("System", "Service Control Manager", "{555908D1-A6D7-4695-8E1E-26931D2012F4}",
                0x8080000000000000L, "Classic");

        final String channel;
        final String provider;
        final String providerGuid;
        final long keywords;
        /** The keyword name Winlogbeat writes, or null. */
        final String keywordName;

        Log(String channel, String provider, String providerGuid, long keywords, String keywordName) {
            this.channel = channel;
            this.provider = provider;
            this.providerGuid = providerGuid;
            this.keywords = keywords;
            this.keywordName = keywordName;
        }
    }

    final Log log;
    final int id;
    final int version;
    final int task;
    final String taskName;

    EventKind(Log log, int id, int version, int task, String taskName) {
        this.log = log;
        this.id = id;
        this.version = version;
        this.task = task;
        this.taskName = taskName;
    }
}
