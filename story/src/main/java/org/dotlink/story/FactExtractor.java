package org.dotlink.story;

import java.util.List;
import java.util.Locale;
import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.dotlink.core.HostNames;
import org.dotlink.core.IsoTime;

/**
 * Reads {@link EventFacts} from events: Sysmon (process GUIDs, parents, files written, modules loaded,
 * registry values pointing at executables, connections to another host's administration ports, process
 * access, WMI script consumers registered and the program that runs them), Windows Security (4688 process
 * ids, 4624/4625 logons with their source, 4648 explicit credentials, 5140/5145 share access, the process id
 * of object-access and filtering records, 4697 services installed), System 7045 services, scheduled tasks
 * (Security 4698-4702, Task Scheduler, their registry keys, {@code schtasks /tn}), PowerShell's records, and
 * W3C web requests. Stateless and thread-safe: it runs on the worker threads beside detection.
 */
public final class FactExtractor {

    private static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    private static final String TASK_SCHEDULER = "Microsoft-Windows-TaskScheduler/Operational";
    /** Ports of remote administration: RPC/DCOM, NetBIOS, SMB, RDP, WinRM, SSH. */
    private static final java.util.Set<String> ADMIN_PORTS = java.util.Set.of("135", "139", "445", "3389", "5985",
            "5986", "22");
    private static final java.util.Set<String> POWERSHELL = java.util.Set.of("microsoft-windows-powershell/operational",
            "windows powershell", "powershellcore/operational");

    /** The program that runs WMI script consumers (ActiveScriptEventConsumer): WMI starts it when one fires. */
    private static final String SCRIPT_CONSUMER_HOST = "scrcons.exe";

    // the fields read, as their canonical instances: an event finds them by reference ({@link Event#fieldInterned})
    private static final String ACCOUNT_NAME = FieldNames.intern("AccountName");
    private static final String APPLICATION = FieldNames.intern("Application");
    private static final String COMMAND_LINE = FieldNames.intern("CommandLine");
    private static final String CONSUMER = FieldNames.intern("Consumer");
    private static final String CONTEXT_INFO = FieldNames.intern("ContextInfo");
    private static final String CS_USERNAME = FieldNames.intern("cs-username");
    private static final String C_IP = FieldNames.intern("c-ip");
    private static final String DESTINATION_IP = FieldNames.intern("DestinationIp");
    private static final String DESTINATION_PORT = FieldNames.intern("DestinationPort");
    private static final String DETAILS = FieldNames.intern("Details");
    private static final String EXECUTION_PROCESS_ID = FieldNames.intern("Execution_ProcessID");
    private static final String HASHES = FieldNames.intern("Hashes");
    private static final String IMAGE = FieldNames.intern("Image");
    private static final String IMAGE_LOADED = FieldNames.intern("ImageLoaded");
    private static final String IMAGE_PATH = FieldNames.intern("ImagePath");
    private static final String INITIATED = FieldNames.intern("Initiated");
    private static final String IP_ADDRESS = FieldNames.intern("IpAddress");
    private static final String LOGON_ID = FieldNames.intern("LogonId");
    private static final String LOGON_TYPE = FieldNames.intern("LogonType");
    private static final String NEW_PROCESS_ID = FieldNames.intern("NewProcessId");
    private static final String NEW_PROCESS_NAME = FieldNames.intern("NewProcessName");
    private static final String PARENT_IMAGE = FieldNames.intern("ParentImage");
    private static final String PARENT_PROCESS_GUID = FieldNames.intern("ParentProcessGuid");
    private static final String PARENT_PROCESS_NAME = FieldNames.intern("ParentProcessName");
    private static final String PROCESS_GUID = FieldNames.intern("ProcessGuid");
    private static final String PROCESS_ID = FieldNames.intern("ProcessId");
    private static final String PROCESS_ID_FILTERING = FieldNames.intern("ProcessID");
    private static final String PROCESS_NAME = FieldNames.intern("ProcessName");
    private static final String SERVICE_FILE_NAME = FieldNames.intern("ServiceFileName");
    private static final String SOURCE_IMAGE = FieldNames.intern("SourceImage");
    private static final String SOURCE_IP = FieldNames.intern("SourceIp");
    private static final String SOURCE_PROCESS_GUID = FieldNames.intern("SourceProcessGuid");
    private static final String SOURCE_PROCESS_GUID_ACCESS = FieldNames.intern("SourceProcessGUID");
    private static final String SOURCE_PORT = FieldNames.intern("SourcePort");
    private static final String SOURCE_PROCESS_ID = FieldNames.intern("SourceProcessId");
    private static final String SOURCE_USER = FieldNames.intern("SourceUser");
    private static final String SUBJECT_DOMAIN_NAME = FieldNames.intern("SubjectDomainName");
    private static final String SUBJECT_LOGON_ID = FieldNames.intern("SubjectLogonId");
    private static final String SUBJECT_USER_NAME = FieldNames.intern("SubjectUserName");
    private static final String S_IP = FieldNames.intern("s-ip");
    private static final String TARGET_DOMAIN_NAME = FieldNames.intern("TargetDomainName");
    private static final String TARGET_FILENAME = FieldNames.intern("TargetFilename");
    private static final String TARGET_LOGON_ID = FieldNames.intern("TargetLogonId");
    private static final String TARGET_OBJECT = FieldNames.intern("TargetObject");
    private static final String TARGET_PROCESS_GUID = FieldNames.intern("TargetProcessGuid");
    private static final String TARGET_SERVER_NAME = FieldNames.intern("TargetServerName");
    private static final String TARGET_USER_NAME = FieldNames.intern("TargetUserName");
    private static final String TASK_NAME = FieldNames.intern("TaskName");
    private static final String TYPE = FieldNames.intern("Type");
    private static final String USER = FieldNames.intern("User");
    private static final String USER_CONTEXT = FieldNames.intern("UserContext");
    private static final String WORKSTATION_NAME = FieldNames.intern("WorkstationName");

    private FactExtractor() {}

    /** The facts of an event, or null when it says nothing a story is built through. */
    public static EventFacts of(Event e) {
        return of(e, null);
    }

    /**
     * The facts of each event of a batch, in its order (null for an event that says nothing a story is built
     * through). Events of a batch mostly come from one host: its name is normalized once per run of events.
     */
    public static EventFacts[] of(List<Event> events) {
        EventFacts[] facts = new EventFacts[events.size()];
        String logged = null;
        String key = null;
        for (int i = 0; i < facts.length; i++) {
            Event e = events.get(i);
            String h = e.host();
            if (!h.equals(logged)) {
                logged = h;
                key = HostNames.normalize(h);
            }
            facts[i] = of(e, key);
        }
        return facts;
    }

    /** Whether events of this channel and id can have facts: decided before the host, time or any field is read. */
    private static boolean kept(String channel, int id) {
        return channel.equalsIgnoreCase(SYSMON) || channel.equalsIgnoreCase("Security")
                || POWERSHELL.contains(channel.toLowerCase(Locale.ROOT)) || channel.equalsIgnoreCase("W3C")
                || channel.equalsIgnoreCase("System") && id == 7045 || channel.equalsIgnoreCase(TASK_SCHEDULER);
    }

    /** @param hostKey the event's normalized host ({@link Event#hostKey}) when already known, else null */
    private static EventFacts of(Event e, String hostKey) {
        String channel = e.channel();
        int id = e.eventId();
        if (!kept(channel, id)) {
            return null;
        }
        String host = hostKey != null ? hostKey : e.hostKey();
        if (host.isEmpty()) {
            return null;
        }
        long time = IsoTime.toEpochMillis(e.time());
        if (channel.equalsIgnoreCase(SYSMON)) {
            return sysmon(e, id, host, time);
        }
        if (channel.equalsIgnoreCase("Security")) {
            return security(e, id, host, time);
        }
        if (POWERSHELL.contains(channel.toLowerCase(Locale.ROOT))) {
            return powerShell(e, host, time);
        }
        if (channel.equalsIgnoreCase("W3C")) {
            String client = lower(e, C_IP);
            return client == null ? null : new EventFacts(host, time, null, null, "w3wp.exe", null, false, null,
                    lower(e, CS_USERNAME), null, null, null, null, null, client, lower(e, S_IP), null, null, null, null,
                    null, null);
        }
        if (channel.equalsIgnoreCase("System") && id == 7045) {
            return new EventFacts(host, time, null, null, null, null, false, null, lower(e, ACCOUNT_NAME), null, null,
                    null, null, null, null, null, serviceImage(lower(e, IMAGE_PATH)), null, null, null, null, null);
        }
        if (channel.equalsIgnoreCase(TASK_SCHEDULER)) {
            String task = taskName(lower(e, TASK_NAME));
            return task == null ? null : new EventFacts(host, time, null, null, null, null, false, null,
                    lower(e, USER_CONTEXT), null, null, null, null, null, null, null, null, null, task, null, null,
                    null);
        }
        return null;
    }

    /**
     * PowerShell's records are written by the PowerShell process itself: the record's process id is the actor.
     * Where the collector dropped that id (NXLog's JSON has no ExecutionProcessID for some exports), the
     * PowerShell host instance the record's context names ({@code Host ID}, one per host in a process) stands for
     * the process, with the host application's file name as its image.
     */
    private static EventFacts powerShell(Event e, String host, long time) {
        String process = pid(host, e, EXECUTION_PROCESS_ID);
        String image = null;
        String context = e.fieldInterned(CONTEXT_INFO);
        if (process == null && context != null) {
            String instance = contextValue(context, "Host ID = ");
            if (instance != null) {
                process = String.join("|pshost:", host, instance.toLowerCase(Locale.ROOT));
                image = hostApplicationImage(contextValue(context, "Host Application = "));
            }
        }
        String user = powerShellUser(e);
        return process == null ? null : new EventFacts(host, time, process, null, image, null, false, null, user,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The executable's file name, lower case, in a PowerShell host application ({@code ...\\powershell.exe -nop}). */
    static String hostApplicationImage(String application) {
        if (application == null) {
            return null;
        }
        String a = application.toLowerCase(Locale.ROOT);
        int exe = a.indexOf(".exe");
        String path = exe >= 0 ? a.substring(0, exe + 4) : a.split(" ")[0];
        String name = fileName(path.startsWith("\"") ? path.substring(1) : path);
        return name.isEmpty() ? null : name;
    }

    /** The value of a line {@code Name = value} of a PowerShell record's context, or null when absent or empty. */
    private static String contextValue(String context, String name) {
        int at = context.indexOf(name);
        if (at < 0) {
            return null;
        }
        int from = at + name.length();
        int end = context.indexOf('\n', from);
        String v = context.substring(from, end < 0 ? context.length() : end).strip();
        return v.isEmpty() ? null : v;
    }

    // one method per kind of record, so that each stays small for the compiler
    private static EventFacts sysmon(Event e, int id, String host, long time) {
        return switch (id) {
            case 1 -> sysmonProcessStart(e, host, time);
            case 3 -> sysmonConnection(e, host, time);
            case 7 -> sysmonModule(e, host, time);
            case 8, 10 -> sysmonProcessAccess(e, id, host, time);
            case 11 -> sysmonFileCreated(e, host, time);
            case 12, 13, 14 -> sysmonRegistry(e, id, host, time);
            default -> sysmonOther(e, id, host, time);
        };
    }

    private static EventFacts sysmonProcessStart(Event e, String host, long time) {
        String image = fileName(lower(e, IMAGE));
        String parentImage = fileName(lower(e, PARENT_IMAGE));
        String commandLine = lower(e, COMMAND_LINE);
        return new EventFacts(host, time, key(host, guid(e, PROCESS_GUID)), key(host, guid(e, PARENT_PROCESS_GUID)),
                image, parentImage, true, key(host, lower(e, LOGON_ID)), lower(e, USER), null,
                key(host, lower(e, IMAGE)), hash(e.fieldInterned(HASHES)), null, remoteTarget(commandLine), null, null,
                "services.exe".equals(parentImage) ? image : serviceConfigured(commandLine), pidKey(e, host),
                schtasksName(commandLine), null, null, wmiConsumerHost(image));
    }

    private static EventFacts sysmonConnection(Event e, String host, long time) {
        boolean out = "true".equalsIgnoreCase(e.fieldInterned(INITIATED));
        String image = fileName(lower(e, IMAGE));
        // a process that is not the system's own reaching another host's administration port
        String to = out && ADMIN_PORTS.contains(orEmpty(e.fieldInterned(DESTINATION_PORT))) && image != null
                && !Hubs.PROCESSES.contains(image) ? remoteAddress(lower(e, DESTINATION_IP)) : null;
        return new EventFacts(host, time, key(host, guid(e, PROCESS_GUID)), null, image, null,
                false, null, lower(e, USER), null, null, null, null, to, null,
                localAddress(e, out), null, null, null, null, null, wmiConsumerHost(image));
    }

    /**
     * This host's address in a connection: the source of one it initiated; of one it did not, the side with the
     * lower port, the service's (Sysmon logs an accepted TCP connection as remote to local, but a UDP service's
     * answer, a DNS server's say, as local to remote); null when the ports do not tell.
     */
    private static String localAddress(Event e, boolean initiated) {
        if (initiated) {
            return lower(e, SOURCE_IP);
        }
        int source = port(e.fieldInterned(SOURCE_PORT));
        int destination = port(e.fieldInterned(DESTINATION_PORT));
        if (source < 0 || destination < 0 || source == destination) {
            return null;
        }
        return lower(e, destination < source ? DESTINATION_IP : SOURCE_IP);
    }

    private static int port(String value) {
        if (value == null || value.isEmpty() || value.length() > 5) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(value);
    }

    private static EventFacts sysmonModule(Event e, String host, long time) {
        String process = key(host, guid(e, PROCESS_GUID));
        String image = fileName(lower(e, IMAGE));
        return process == null ? null : new EventFacts(host, time, process, null, image,
                null, false, null, lower(e, USER), null, key(host, lower(e, IMAGE_LOADED)), null, null, null, null,
                null, null, null, null, null, null, wmiConsumerHost(image));
    }

    private static EventFacts sysmonProcessAccess(Event e, int id, String host, long time) {
        // a thread created in another process (8) makes that process the source's doing
        String target = id == 8 ? key(host, guid(e, TARGET_PROCESS_GUID)) : null;
        // the source named by GUID and by id: records that name only the id (Security's object access) meet it
        String source = key(host, guid(e, id == 10 ? SOURCE_PROCESS_GUID_ACCESS : SOURCE_PROCESS_GUID));
        String image = fileName(lower(e, SOURCE_IMAGE));
        return new EventFacts(host, time, source, null, image, null, false, null,
                lower(e, SOURCE_USER), null, null, null, null, null, null, null, null,
                source == null ? null : pid(host, e, SOURCE_PROCESS_ID), null, null, target, wmiConsumerHost(image));
    }

    private static EventFacts sysmonFileCreated(Event e, String host, long time) {
        String image = fileName(lower(e, IMAGE));
        return new EventFacts(host, time, key(host, guid(e, PROCESS_GUID)), null, image, null,
                false, null, lower(e, USER), key(host, lower(e, TARGET_FILENAME)), null, null, null, null, null, null,
                null, null, null, null, null, wmiConsumerHost(image));
    }

    private static EventFacts sysmonRegistry(Event e, int id, String host, long time) {
        String target = lower(e, TARGET_OBJECT);
        String process = key(host, guid(e, PROCESS_GUID));
        String task = registryTask(target, id == 13);
        String pointsAt = id == 13 ? key(host, executableIn(lower(e, DETAILS))) : null;
        String image = fileName(lower(e, IMAGE));
        return process == null && task == null ? null : new EventFacts(host, time, process, null,
                image, null, false, null, lower(e, USER), null, null, null, null, null, null, null,
                null, null, task, pointsAt, null, wmiConsumerHost(image));
    }

    private static EventFacts sysmonOther(Event e, int id, String host, long time) {
        String user = lower(e, USER);
        String process = key(host, guid(e, PROCESS_GUID));
        if (process == null) {
            // WMI subscriptions (19-21) and the like name no process, only the account and the consumer
            String consumer = id == 20 || id == 21 ? wmiConsumerBound(e, id) : null;
            return Hubs.account(user) && consumer == null ? null : new EventFacts(host, time, null, null, null, null,
                    false, null, user, null, null, null, null, null, null, null, null, null, null, null, null,
                    consumer);
        }
        String image = fileName(lower(e, IMAGE));
        return new EventFacts(host, time, process, null, image,
                null, false, null, user, null, null, null, null, null, null, null, null, null, null, null, null,
                wmiConsumerHost(image));
    }

    /** {@code scrcons.exe} when the acting image is that program, else null. */
    private static String wmiConsumerHost(String image) {
        return SCRIPT_CONSUMER_HOST.equals(image) ? SCRIPT_CONSUMER_HOST : null;
    }

    /**
     * The program that will run the consumer a WMI record registers: a script consumer created (Sysmon 20, type
     * {@code Script}) or bound to a filter (21, {@code ActiveScriptEventConsumer.Name=...}); null for others.
     */
    private static String wmiConsumerBound(Event e, int id) {
        String v = id == 20 ? lower(e, TYPE) : lower(e, CONSUMER);
        if (v == null) {
            return null;
        }
        return (id == 20 ? v.strip().equals("script") : v.contains("activescripteventconsumer")) ? SCRIPT_CONSUMER_HOST
                : null;
    }

    private static EventFacts security(Event e, int id, String host, long time) {
        return switch (id) {
            case 4688 -> securityProcessStart(e, host, time);
            case 4624, 4625 -> securityLogon(e, host, time);
            case 4648 -> new EventFacts(host, time, pid(host, e, PROCESS_ID), null, fileName(lower(e, PROCESS_NAME)),
                    null, false, key(host, lower(e, SUBJECT_LOGON_ID)), accountOf(e, TARGET_USER_NAME, TARGET_DOMAIN_NAME),
                    null, null, null, null, lower(e, TARGET_SERVER_NAME), null, null, null, null, null, null, null,
                    null);
            case 5140, 5145 -> shareAccess(e, host, time);
            default -> securityOther(e, id, host, time);
        };
    }

    private static EventFacts securityProcessStart(Event e, String host, long time) {
        String user = accountOf(e, TARGET_USER_NAME, TARGET_DOMAIN_NAME);
        if (user == null || user.endsWith("\\-")) {
            user = accountOf(e, SUBJECT_USER_NAME, SUBJECT_DOMAIN_NAME);
        }
        String logon = lower(e, TARGET_LOGON_ID);
        if (logon == null || logon.equals("0x0")) {
            logon = lower(e, SUBJECT_LOGON_ID);
        }
        String image = fileName(lower(e, NEW_PROCESS_NAME));
        String parentImage = fileName(lower(e, PARENT_PROCESS_NAME));
        String commandLine = lower(e, COMMAND_LINE);
        return new EventFacts(host, time, pid(host, e, NEW_PROCESS_ID), pid(host, e, PROCESS_ID), image,
                parentImage, true, key(host, logon), user, null, key(host, lower(e, NEW_PROCESS_NAME)), null,
                null, remoteTarget(commandLine), null, null,
                "services.exe".equals(parentImage) ? image : serviceConfigured(commandLine), null,
                schtasksName(commandLine), null, null, null);
    }

    /*
     * A network logon or share access is a host reaching another only when a person's account made it: computers
     * log on to one another by their machine accounts (Group Policy, Kerberos, the domain controller's own traffic)
     * and anonymously all the time, and those accesses say nothing about who moved where.
     */
    private static EventFacts securityLogon(Event e, String host, long time) {
        String user = accountOf(e, TARGET_USER_NAME, TARGET_DOMAIN_NAME);
        return new EventFacts(host, time, null, null, null, null, false, key(host, lower(e, TARGET_LOGON_ID)),
                user, null, null, null, isNetworkLogon(e) && !Hubs.account(user) ? source(e) : null, null, null, null,
                null, null, null, null, null, null);
    }

    private static EventFacts shareAccess(Event e, String host, long time) {
        String user = accountOf(e, SUBJECT_USER_NAME, SUBJECT_DOMAIN_NAME);
        return new EventFacts(host, time, null, null, null, null, false, key(host, lower(e, SUBJECT_LOGON_ID)), user,
                null, null, null, Hubs.account(user) ? null : source(e), null, null, null, null, null, null, null, null,
                null);
    }

    private static EventFacts securityOther(Event e, int id, String host, long time) {
        String logon = key(host, lower(e, SUBJECT_LOGON_ID));
        String user = accountOf(e, SUBJECT_USER_NAME, SUBJECT_DOMAIN_NAME);
        if (logon == null || Hubs.logon(logon)) {
            logon = key(host, lower(e, TARGET_LOGON_ID));
        }
        if (Hubs.account(user)) {
            user = accountOf(e, TARGET_USER_NAME, TARGET_DOMAIN_NAME);
        }
        // object access (4656, 4663, ...), privilege use and filtering (5156) records name the process
        String process = pid(host, e, e.fieldInterned(PROCESS_ID) != null ? PROCESS_ID : PROCESS_ID_FILTERING);
        String image = fileName(lower(e, e.fieldInterned(PROCESS_NAME) != null ? PROCESS_NAME : APPLICATION));
        String task = id >= 4698 && id <= 4702 ? taskName(lower(e, TASK_NAME)) : null;
        // a service installed (4697): the same service System's 7045 logs, in the installer's logon session
        String service = id == 4697 ? serviceImage(lower(e, SERVICE_FILE_NAME)) : null;
        return logon == null && user == null && process == null && task == null && service == null ? null
                : new EventFacts(host, time, process, null, process == null ? null : image, null, false, logon,
                user, null, null, null, null, null, null, null, service, null, task, null, null, null);
    }

    /** A scheduled task's name as the event logs it ({@code \\Updater}), lower case, without the leading backslash. */
    static String taskName(String logged) {
        if (logged == null) {
            return null;
        }
        String t = logged.strip();
        while (t.startsWith("\\")) {
            t = t.substring(1);
        }
        return t.isEmpty() ? null : t;
    }

    private static final String TASK_TREE = "\\schedule\\taskcache\\tree\\";

    /**
     * The task whose registry key a registry event names ({@code ...\\Schedule\\TaskCache\\Tree\\Updater}); for a
     * value set, the last part is the value's name and is dropped.
     */
    static String registryTask(String targetObject, boolean valueSet) {
        if (targetObject == null) {
            return null;
        }
        int at = targetObject.indexOf(TASK_TREE);
        if (at < 0) {
            return null;
        }
        String rest = targetObject.substring(at + TASK_TREE.length());
        if (valueSet) {
            int slash = rest.lastIndexOf('\\');
            rest = slash < 0 ? "" : rest.substring(0, slash);
        }
        return taskName(rest);
    }

    /** The task a {@code schtasks} command line names with {@code /tn}, or null. */
    static String schtasksName(String commandLine) {
        if (commandLine == null || !commandLine.contains("schtasks")) {
            return null;
        }
        int tn = commandLine.indexOf("/tn ");
        if (tn < 0) {
            return null;
        }
        int i = tn + 4;
        while (i < commandLine.length() && commandLine.charAt(i) == ' ') {
            i++;
        }
        if (i >= commandLine.length()) {
            return null;
        }
        char q = commandLine.charAt(i);
        int end;
        if (q == '"' || q == '\'') {
            i++;
            end = commandLine.indexOf(q, i);
        } else {
            end = commandLine.indexOf(' ', i);
        }
        return taskName(commandLine.substring(i, end < 0 ? commandLine.length() : end));
    }

    /**
     * The executable a service is created with or changed to by a command line ({@code sc config fax binpath=
     * "c:\\...\\powershell.exe -c ..."}), as {@link #serviceImage} names it; null when the command sets none.
     */
    static String serviceConfigured(String commandLine) {
        if (commandLine == null) {
            return null;
        }
        int at = commandLine.indexOf("binpath=");
        if (at < 0) {
            return null;
        }
        int i = at + 8;
        while (i < commandLine.length() && (commandLine.charAt(i) == ' ' || commandLine.charAt(i) == '"'
                || commandLine.charAt(i) == '\'')) {
            i++;
        }
        String rest = commandLine.substring(i);
        int exe = rest.indexOf(".exe");
        String name = exe >= 0 ? fileName(rest.substring(0, exe + 4)) : serviceImage(rest);
        return name == null || name.isEmpty() ? null : name;
    }

    /** The first executable path ({@code c:\\...\\x.exe}) in a registry value's data, or null. */
    static String executableIn(String details) {
        if (details == null) {
            return null;
        }
        int exe = details.indexOf(".exe");
        if (exe < 0) {
            return null;
        }
        int drive = details.lastIndexOf(":\\", exe);
        if (drive < 1) {
            return null;
        }
        return details.substring(drive - 1, exe + 4);
    }

    /** An address another host can have: not loopback, link-local or unspecified; null otherwise. */
    private static String remoteAddress(String ip) {
        if (ip == null || ip.startsWith("127.") || ip.equals("::1") || ip.startsWith("fe80:") || ip.equals("0.0.0.0")
                || ip.equals("-")) {
            return null;
        }
        return ip.startsWith("::ffff:") ? ip.substring(7) : ip;
    }

    private static boolean isNetworkLogon(Event e) {
        String type = orEmpty(e.fieldInterned(LOGON_TYPE));
        return type.equals("3") || type.equals("10");
    }

    /** The source of a logon or share access: its address, else the workstation name; null for local. */
    private static String source(Event e) {
        String ip = lower(e, IP_ADDRESS);
        if (ip != null && !ip.equals("-") && !ip.equals("::1") && !ip.equals("127.0.0.1")) {
            return ip.startsWith("::ffff:") ? ip.substring(7) : ip;
        }
        String ws = lower(e, WORKSTATION_NAME);
        return ws == null || ws.equals("-") ? null : HostNames.normalize(ws);
    }

    /** The target of a remote command in a command line: {@code \\host} (PsExec, sc) or {@code /node:host} (wmic). */
    static String remoteTarget(String commandLine) {
        if (commandLine == null) {
            return null;
        }
        int node = commandLine.indexOf("/node:");
        if (node >= 0) {
            return token(commandLine, node + 6);
        }
        int unc = commandLine.indexOf(" \\\\");
        if (unc >= 0) {
            String t = token(commandLine, unc + 3);
            return t == null || t.equals("127.0.0.1") || t.equals("localhost") ? null : t;
        }
        return null;
    }

    private static String token(String s, int from) {
        int i = from;
        if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
            i++;
        }
        int end = i;
        while (end < s.length() && " \"',;\\".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        return end > i ? HostNames.normalize(s.substring(i, end)) : null;
    }

    /** The user a PowerShell record names in its context ({@code User = CORP\\bob}), or null. */
    private static String powerShellUser(Event e) {
        String ctx = e.fieldInterned(CONTEXT_INFO);
        String user = ctx == null ? null : contextValue(ctx, "User = ");
        return user == null ? null : user.toLowerCase(Locale.ROOT);
    }

    /** The {@code host|pid:N} key of a Sysmon process start, so records naming only the pid meet its GUID. */
    static String pidKey(Event e, String host) {
        return pid(host, e, PROCESS_ID);
    }

    /** {@link #accountOf} for field names as written (not necessarily their canonical instances). */
    static String account(Event e, String name, String domain) {
        return accountOf(e, FieldNames.intern(name), FieldNames.intern(domain));
    }

    /**
     * {@code domain\\name}, lower case, as Sysmon writes accounts: a Kerberos principal's realm is dropped from
     * the name ({@code bob@corp.local}) and a DNS domain is cut to its first label ({@code corp.local} to
     * {@code corp}), so that Kerberos records name the account as the others do.
     */
    private static String accountOf(Event e, String name, String domain) {
        String n = lower(e, name);
        if (n == null || n.equals("-")) {
            return null;
        }
        int at = n.indexOf('@');
        if (at > 0) {
            n = n.substring(0, at);
        }
        String d = lower(e, domain);
        if (d == null || d.equals("-")) {
            return n;
        }
        int dot = d.indexOf('.');
        return String.join("\\", dot > 0 ? d.substring(0, dot) : d, n);
    }

    private static String pid(String host, Event e, String field) {
        String v = e.fieldInterned(field);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            return String.join("|pid:", host, Long.toString(n));
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static String guid(Event e, String field) {
        String v = lower(e, field);
        if (v == null || v.isEmpty() || v.equals("{00000000-0000-0000-0000-000000000000}")) {
            return null;
        }
        return v.startsWith("{") ? v : "{".concat(v).concat("}");
    }

    private static String hash(String hashes) {
        if (hashes == null) {
            return null;
        }
        String lower = hashes.toLowerCase(Locale.ROOT);
        for (String part : lower.split(",")) {
            if (part.startsWith("sha256=")) {
                return part.substring(7);
            }
        }
        int eq = lower.indexOf('=');
        int comma = lower.indexOf(',');
        return eq < 0 ? null : lower.substring(eq + 1, comma > eq ? comma : lower.length());
    }

    /** The executable's file name in a service's image path ({@code "%systemroot%\\psexesvc.exe" -k x}). */
    static String serviceImage(String imagePath) {
        if (imagePath == null) {
            return null;
        }
        String p = imagePath.strip().replace("%comspec%", "c:\\windows\\system32\\cmd.exe");
        if (p.startsWith("\"")) {
            int end = p.indexOf('"', 1);
            p = end > 0 ? p.substring(1, end) : p.substring(1);
        } else {
            int exe = p.indexOf(".exe");
            p = exe >= 0 ? p.substring(0, exe + 4) : p.split(" ")[0];
        }
        return fileName(p);
    }

    static String fileName(String path) {
        if (path == null) {
            return null;
        }
        int slash = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(slash + 1);
    }

    // Keys here are joined with String.join and String.concat rather than +: the compiler turns each + into a chain
    // of method handles inlined wherever it is used, and these small helpers are inlined into every kind of record.
    private static String key(String host, String value) {
        return value == null || value.isEmpty() ? null : String.join("|", host, value);
    }

    private static String lower(Event e, String field) {
        String v = e.fieldInterned(field);
        return v == null || v.isEmpty() ? null : v.toLowerCase(Locale.ROOT);
    }

    private static String orEmpty(String v) {
        return v == null ? "" : v;
    }
}
