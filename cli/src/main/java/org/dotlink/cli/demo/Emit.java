package org.dotlink.cli.demo;

import java.util.Locale;

/**
 * Writes the events of one activity, each stamped with the activity's {@link Label}: Sysmon events
 * (process starts with consistent GUIDs and parents, connections, image loads, process access, files,
 * registry), Security events (logons with their sessions, privileges, accounts and groups, tasks,
 * shares, Kerberos tickets), System service events, and IIS requests. Field names, order and value
 * formats are those Windows, Sysmon and IIS write.
 */
final class Emit {

    private static final String NULL_GUID = "{00000000-0000-0000-0000-000000000000}";
    private static final String[] PROCESS_CREATE = {"RuleName", "UtcTime", "ProcessGuid", "ProcessId", "Image",
        "FileVersion", "Description", "Product", "Company", "OriginalFileName", "CommandLine", "CurrentDirectory", "User",
        "LogonGuid", "LogonId", "TerminalSessionId", "IntegrityLevel", "Hashes", "ParentProcessGuid", "ParentProcessId",
        "ParentImage", "ParentCommandLine"};
    private static final String[] PROCESS_TERMINATE = {"RuleName", "UtcTime", "ProcessGuid", "ProcessId", "Image"};
    private static final String[] NETWORK = {"RuleName", "UtcTime", "ProcessGuid", "ProcessId", "Image", "User",
        "Protocol", "Initiated", "SourceIsIpv6", "SourceIp", "SourceHostname", "SourcePort", "SourcePortName",
        "DestinationIsIpv6", "DestinationIp", "DestinationHostname", "DestinationPort", "DestinationPortName"};
    private static final String[] IMAGE_LOAD = {"RuleName", "UtcTime", "ProcessGuid", "ProcessId", "Image",
        "ImageLoaded", "FileVersion", "Description", "Product", "Company", "OriginalFileName", "Hashes", "Signed",
        "Signature", "SignatureStatus"};
    private static final String[] PROCESS_ACCESS = {"RuleName", "UtcTime", "SourceProcessGUID", "SourceProcessId",
        "SourceThreadId", "SourceImage", "TargetProcessGUID", "TargetProcessId", "TargetImage", "GrantedAccess",
        "CallTrace"};
    private static final String[] FILE_CREATE = {"RuleName", "UtcTime", "ProcessGuid", "ProcessId", "Image",
        "TargetFilename", "CreationUtcTime"};
    private static final String[] REGISTRY_SET = {"RuleName", "EventType", "UtcTime", "ProcessGuid", "ProcessId",
        "Image", "TargetObject", "Details"};
    private static final String[] LOGON = {"SubjectUserSid", "SubjectUserName", "SubjectDomainName", "SubjectLogonId",
        "TargetUserSid", "TargetUserName", "TargetDomainName", "TargetLogonId", "LogonType", "LogonProcessName",
        "AuthenticationPackageName", "WorkstationName", "LogonGuid", "TransmittedServices", "LmPackageName", "KeyLength",
        "ProcessId", "ProcessName", "IpAddress", "IpPort", "ImpersonationLevel", "RestrictedAdminMode",
        "TargetOutboundUserName", "TargetOutboundDomainName", "VirtualAccount", "TargetLinkedLogonId", "ElevatedToken"};
    private static final String[] LOGOFF = {"TargetUserSid", "TargetUserName", "TargetDomainName", "TargetLogonId",
        "LogonType"};
    private static final String[] USER_LOGOFF = {"TargetUserSid", "TargetUserName", "TargetDomainName", "TargetLogonId"};
    private static final String[] SPECIAL_PRIVILEGES = {"SubjectUserSid", "SubjectUserName", "SubjectDomainName",
        "SubjectLogonId", "PrivilegeList"};
    private static final String[] EXPLICIT = {"SubjectUserSid", "SubjectUserName", "SubjectDomainName", "SubjectLogonId",
        "LogonGuid", "TargetUserName", "TargetDomainName", "TargetLogonGuid", "TargetServerName", "TargetInfo",
        "ProcessId", "ProcessName", "IpAddress", "IpPort"};
    private static final String[] USER_CREATED = {"TargetUserName", "TargetDomainName", "TargetSid", "SubjectUserSid",
        "SubjectUserName", "SubjectDomainName", "SubjectLogonId", "PrivilegeList", "SamAccountName", "DisplayName",
        "UserPrincipalName", "HomeDirectory", "HomePath", "ScriptPath", "ProfilePath", "UserWorkstations",
        "PasswordLastSet", "AccountExpires", "PrimaryGroupId", "AllowedToDelegateTo", "OldUacValue", "NewUacValue",
        "UserAccountControl", "UserParameters", "SidHistory", "LogonHours"};
    private static final String[] MEMBER_ADDED = {"MemberName", "MemberSid", "TargetUserName", "TargetDomainName",
        "TargetSid", "SubjectUserSid", "SubjectUserName", "SubjectDomainName", "SubjectLogonId", "PrivilegeList"};
    private static final String[] TASK_CREATED = {"SubjectUserSid", "SubjectUserName", "SubjectDomainName",
        "SubjectLogonId", "TaskName", "TaskContent", "ClientProcessStartKey", "ClientProcessId", "ParentProcessId",
        "RpcCallClientLocality", "FQDN"};
    private static final String[] SHARE = {"SubjectUserSid", "SubjectUserName", "SubjectDomainName", "SubjectLogonId",
        "ObjectType", "IpAddress", "IpPort", "ShareName", "ShareLocalPath", "AccessMask", "AccessList"};
    private static final String[] SERVICE_TICKET = {"TargetUserName", "TargetDomainName", "ServiceName", "ServiceSid",
        "TicketOptions", "TicketEncryptionType", "IpAddress", "IpPort", "Status", "LogonGuid", "TransmittedServices"};
    private static final String[] SERVICE_INSTALLED = {"ServiceName", "ImagePath", "ServiceType", "StartType",
        "AccountName"};
    private static final String[] SERVICE_STATE = {"param1", "param2", "Binary"};

    static final String ADMIN_PRIVILEGES = "SeSecurityPrivilege\r\n\t\t\tSeBackupPrivilege\r\n\t\t\tSeRestorePrivilege"
            + "\r\n\t\t\tSeTakeOwnershipPrivilege\r\n\t\t\tSeDebugPrivilege\r\n\t\t\tSeSystemEnvironmentPrivilege"
            + "\r\n\t\t\tSeLoadDriverPrivilege\r\n\t\t\tSeImpersonatePrivilege"
            + "\r\n\t\t\tSeDelegateSessionUserImpersonatePrivilege\r\n\t\t\tSeEnableDelegationPrivilege";
    private static final String SYSTEM_PRIVILEGES = "SeAssignPrimaryTokenPrivilege\r\n\t\t\tSeTcbPrivilege"
            + "\r\n\t\t\tSeSecurityPrivilege\r\n\t\t\tSeTakeOwnershipPrivilege\r\n\t\t\tSeLoadDriverPrivilege"
            + "\r\n\t\t\tSeBackupPrivilege\r\n\t\t\tSeRestorePrivilege\r\n\t\t\tSeDebugPrivilege\r\n\t\t\tSeAuditPrivilege"
            + "\r\n\t\t\tSeSystemEnvironmentPrivilege\r\n\t\t\tSeImpersonatePrivilege"
            + "\r\n\t\t\tSeDelegateSessionUserImpersonatePrivilege";

    private final Scenario scenario;
    private final Label label;
    private final Rng rng;

    Emit(Scenario scenario, Label label, Rng rng) {
        this.scenario = scenario;
        this.label = label;
        this.rng = rng;
    }

    /** The same writer with another label. */
    Emit as(Label other) {
        return new Emit(scenario, other, rng);
    }

    Rng rng() {
        return rng;
    }

    Scenario scenario() {
        return scenario;
    }

    Machine machine(Host h) {
        return scenario.machine(h);
    }

    // ---- Sysmon ------------------------------------------------------------------------------------

    /** Starts {@code binary} from its usual path under {@code parent}, in the parent's session. */
    Proc start(long t, Proc parent, Binary binary, String commandLine) {
        return start(t, parent, binary, null, commandLine, null, parent.session());
    }

    /** Starts a process from {@code image} (null: the binary's usual path) in {@code session}. */
    Proc start(long t, Proc parent, Binary binary, String image, String commandLine, Session session) {
        return start(t, parent, binary, image, commandLine, null, session);
    }

    Proc start(long t, Proc parent, Binary binary, String image, String commandLine, String cwd, Session session) {
        Proc p = machine(parent.host()).spawn(t, parent, binary, image, commandLine, cwd, session);
        started(p);
        return p;
    }

    /** Writes the start of a process that already exists (the processes of a boot). */
    void started(Proc p) {
        Binary b = p.binary();
        Proc parent = p.parent();
        sysmon(EventKind.PROCESS_CREATE, p.started(), p.host(), PROCESS_CREATE, "-", ScenarioTime.sysmonUtc(p.started() - 2),
                p.guid(), Integer.toString(p.pid()), p.image(), b.fileVersion(), b.description(), b.product(), b.company(),
                b.originalFileName(), p.commandLine(), p.currentDirectory(), p.user(), p.session().logonGuid(),
                p.session().logonId(), Integer.toString(p.session().terminal()), p.session().integrity(), b.hashes(),
                parent.guid(), Integer.toString(parent.pid()), parent.image(), parent.commandLine());
    }

    void end(long t, Proc p) {
        sysmon(EventKind.PROCESS_TERMINATE, t, p.host(), PROCESS_TERMINATE, "-", ScenarioTime.sysmonUtc(t - 1), p.guid(),
                Integer.toString(p.pid()), p.image());
    }

    /** An outbound TCP connection from {@code p}'s host. */
    void connect(long t, Proc p, String destinationIp, int port, String destinationHost) {
        Host h = p.host();
        sysmon(EventKind.NETWORK_CONNECT, t, h, NETWORK, "-", ScenarioTime.sysmonUtc(t - rng.between(5, 900)), p.guid(),
                Integer.toString(p.pid()), p.image(), p.user(), "tcp", "true", "false", h.ip(), h.fqdn(),
                Integer.toString(machine(h).ephemeralPort()), "-", "false", destinationIp,
                destinationHost == null ? "-" : destinationHost, Integer.toString(port), portName(port));
    }

    /** An inbound TCP connection accepted by {@code p} on {@code localPort}. */
    void accept(long t, Proc p, String sourceIp, int localPort) {
        Host h = p.host();
        sysmon(EventKind.NETWORK_CONNECT, t, h, NETWORK, "-", ScenarioTime.sysmonUtc(t - rng.between(5, 900)), p.guid(),
                Integer.toString(p.pid()), p.image(), p.user(), "tcp", "false", "false", sourceIp, "-",
                Integer.toString(rng.between(49700, 65000)), "-", "false", h.ip(), h.fqdn(), Integer.toString(localPort),
                portName(localPort));
    }

    private static String portName(int port) {
        return switch (port) {
            case 443 -> "https";
            case 80 -> "http";
            case 445 -> "microsoft-ds";
            case 389 -> "ldap";
            case 88 -> "kerberos";
            case 135 -> "epmap";
            case 3389 -> "ms-wbt-server";
            case 22 -> "ssh";
            case 53 -> "domain";
            case 3268 -> "msft-gc";
            case 1433 -> "ms-sql-s";
            case 25 -> "smtp";
            default -> "-";
        };
    }

    /** {@code p} loaded a DLL (from {@code path}, else the binary's usual path). */
    void load(long t, Proc p, Binary dll, String path) {
        sysmon(EventKind.IMAGE_LOAD, t, p.host(), IMAGE_LOAD, "-", ScenarioTime.sysmonUtc(t - 1), p.guid(),
                Integer.toString(p.pid()), p.image(), path != null ? path : dll.path(), dll.fileVersion(),
                dll.description(), dll.product(), dll.company(), dll.originalFileName(), dll.hashes(),
                Boolean.toString(dll.signed()), dll.signed() ? dll.signer() : "-", dll.signed() ? "Valid" : "Unavailable");
    }

    void access(long t, Proc source, Proc target, String grantedAccess, String callTrace) {
        sysmon(EventKind.PROCESS_ACCESS, t, source.host(), PROCESS_ACCESS, "-", ScenarioTime.sysmonUtc(t - 1),
                source.guid(), Integer.toString(source.pid()), Integer.toString(machine(source.host()).nextThreadId()),
                source.image(), target.guid(), Integer.toString(target.pid()), target.image(), grantedAccess, callTrace);
    }

    void file(long t, Proc p, String path) {
        String utc = ScenarioTime.sysmonUtc(t - 1);
        sysmon(EventKind.FILE_CREATE, t, p.host(), FILE_CREATE, "-", utc, p.guid(), Integer.toString(p.pid()), p.image(),
                path, utc);
    }

    void registry(long t, Proc p, String key, String details) {
        sysmon(EventKind.REGISTRY_SET, t, p.host(), REGISTRY_SET, "-", "SetValue", ScenarioTime.sysmonUtc(t - 1), p.guid(),
                Integer.toString(p.pid()), p.image(), key, details);
    }

    private void sysmon(EventKind kind, long t, Host h, String[] names, String... values) {
        Machine m = machine(h);
        add(kind, t, h, m.sysmon.pid(), "S-1-5-18", names, values);
    }

    // ---- Security ----------------------------------------------------------------------------------

    /**
     * A successful logon on {@code host}: 4624 (and 4672 when the account is privileged there). Types:
     * 2 interactive, 3 network, 4 batch, 5 service, 10 remote interactive (RDP).
     *
     * @param sourceIp   where from (network and RDP logons), else null
     * @param sourceName the source workstation's name as logged, else null
     * @param kerberos   Kerberos (else NTLM for network logons, Negotiate for interactive ones)
     * @return the new session
     */
    Session logon(long t, Host host, Account account, int type, String sourceIp, String sourceName, boolean kerberos,
                  boolean privileged) {
        Machine m = machine(host);
        Session s = m.newSession(account, type == 2 || type == 10 ? rng.between(1, 4) : 0,
                privileged ? "High" : "Medium");
        logonEvent(t, host, s, type, sourceIp, sourceName, kerberos, privileged);
        if (privileged) {
            add(EventKind.SPECIAL_PRIVILEGES, t, host, m.lsass.pid(), null, SPECIAL_PRIVILEGES, account.sid(),
                    account.name(), account.domain(), s.logonId(), ADMIN_PRIVILEGES);
        }
        return s;
    }

    private void logonEvent(long t, Host host, Session s, int type, String sourceIp, String sourceName, boolean kerberos,
                            boolean privileged) {
        Machine m = machine(host);
        Account machineAccount = scenario.network().machine(host);
        Account a = s.account();
        boolean network = type == 3;
        String subjectSid = network ? "S-1-0-0" : "S-1-5-18";
        String subjectName = network ? "-" : machineAccount.name();
        String subjectDomain = network ? "-" : Network.NETBIOS;
        String subjectLogon = network ? "0x0" : "0x3e7";
        String logonProcess = switch (type) {
            case 2, 10 -> "User32 ";
            case 3 -> kerberos ? "Kerberos" : "NtLmSsp ";
            default -> "Advapi  ";
        };
        String auth = type == 3 ? (kerberos ? "Kerberos" : "NTLM") : "Negotiate";
        String workstation = type == 3 && !kerberos ? (sourceName == null ? "-" : sourceName)
                : type == 10 ? (sourceName == null ? "-" : sourceName) : type == 2 ? host.name() : "-";
        String logonGuid = kerberos && (type == 3 || type == 2 || type == 10) ? "{" + rng.uuid().toUpperCase(Locale.ROOT) + "}"
                : NULL_GUID;
        String processId = switch (type) {
            case 3 -> "0x0";
            case 5 -> "0x" + Integer.toHexString(m.services.pid());
            default -> "0x" + Integer.toHexString(m.svchost.getOrDefault("DcomLaunch", m.services).pid());
        };
        String processName = switch (type) {
            case 3 -> "-";
            case 5 -> "C:\\Windows\\System32\\services.exe";
            default -> "C:\\Windows\\System32\\svchost.exe";
        };
        String ip = type == 3 || type == 10 ? (sourceIp == null ? "-" : sourceIp) : type == 2 ? "127.0.0.1" : "-";
        String port = type == 3 ? Integer.toString(rng.between(49700, 65000)) : type == 10 || type == 2 ? "0" : "-";
        add(EventKind.LOGON, t, host, m.lsass.pid(), null, LOGON, subjectSid, subjectName, subjectDomain, subjectLogon,
                a.sid(), a.name(), a.domain(), s.logonId(), Integer.toString(type), logonProcess, auth, workstation,
                logonGuid, "-", type == 3 && !kerberos ? "NTLM V2" : "-", type == 3 && !kerberos ? "128" : "0", processId,
                processName, ip, port, "%%1833", type == 10 ? "%%1843" : "-", "-", "-", "%%1843", "0x0",
                privileged || type == 5 ? "%%1842" : "%%1843");
    }

    /** 4672 for a session that got administrator privileges. */
    void privileges(long t, Host host, Session s) {
        Account a = s.account();
        add(EventKind.SPECIAL_PRIVILEGES, t, host, machine(host).lsass.pid(), null, SPECIAL_PRIVILEGES, a.sid(),
                a.name(), a.domain(), s.logonId(), a.equals(Account.SYSTEM) ? SYSTEM_PRIVILEGES : ADMIN_PRIVILEGES);
    }

    /** The SYSTEM logon (type 5 for services) every boot and service start logs. */
    void systemLogon(long t, Host host) {
        Machine m = machine(host);
        logonEvent(t, host, m.systemSession(), 5, null, null, false, true);
        privileges(t, host, m.systemSession());
    }

    void logoff(long t, Host host, Session s, int type) {
        Account a = s.account();
        add(EventKind.LOGOFF, t, host, machine(host).lsass.pid(), null, LOGOFF, a.sid(), a.name(), a.domain(),
                s.logonId(), Integer.toString(type));
    }

    /** 4647: the user signed out (an interactive session). */
    void userLogoff(long t, Host host, Session s) {
        Account a = s.account();
        add(EventKind.USER_LOGOFF, t, host, machine(host).lsass.pid(), null, USER_LOGOFF, a.sid(), a.name(), a.domain(),
                s.logonId());
    }

    /** 4648: {@code p} (in {@code subject}'s session) used {@code target}'s credentials for {@code server}. */
    void explicitCredentials(long t, Proc p, Session subject, Account target, String server, String targetInfo,
                             String ip) {
        Account a = subject.account();
        add(EventKind.EXPLICIT_CREDENTIALS, t, p.host(), machine(p.host()).lsass.pid(), null, EXPLICIT, a.sid(), a.name(),
                a.domain(), subject.logonId(), NULL_GUID, target.name(), target.domain(), NULL_GUID, server, targetInfo,
                "0x" + Integer.toHexString(p.pid()), p.image(), ip == null ? "-" : ip, ip == null ? "-" : "445");
    }

    /** 4720 on a domain controller. */
    void userCreated(long t, Host dc, Session subject, Account created) {
        Account s = subject.account();
        add(EventKind.USER_CREATED, t, dc, machine(dc).lsass.pid(), null, USER_CREATED, created.name(), created.domain(),
                created.sid(), s.sid(), s.name(), s.domain(), subject.logonId(), "-", created.name(), "%%1793",
                "-", "%%1793", "%%1793", "%%1793", "%%1793", "%%1793", "%%1794", "%%1794", "513", "-", "0x0", "0x15",
                "\r\n\t\t%%2080\r\n\t\t%%2082\r\n\t\t%%2084", "%%1793", "-", "%%1797");
    }

    /**
     * 4728 (a global group of the domain) or 4732 (a local or builtin group): {@code member} added to
     * {@code group} by {@code subject}.
     */
    void memberAdded(long t, Host host, Session subject, Account member, String group, String groupSid, boolean global) {
        Account s = subject.account();
        String dn = "CN=" + member.name() + ",CN=Users,DC=sundatel,DC=local";
        add(global ? EventKind.GLOBAL_GROUP_MEMBER_ADDED : EventKind.LOCAL_GROUP_MEMBER_ADDED, t, host,
                machine(host).lsass.pid(), null, MEMBER_ADDED, dn, member.sid(), group, global ? Network.NETBIOS : "Builtin",
                groupSid, s.sid(), s.name(), s.domain(), subject.logonId(), "-");
    }

    /** 4698: a scheduled task was registered. */
    void taskCreated(long t, Host host, Session subject, String taskName, String taskXml, Proc client) {
        Account s = subject.account();
        add(EventKind.TASK_CREATED, t, host, machine(host).lsass.pid(), null, TASK_CREATED, s.sid(), s.name(), s.domain(),
                subject.logonId(), taskName, taskXml, "0", client == null ? "0" : Integer.toString(client.pid()),
                client == null || client.parent() == null ? "0" : Integer.toString(client.parent().pid()),
                client == null || !client.host().equals(host) ? "0" : "1", host.fqdn());
    }

    /** 5140: a network share was accessed. */
    void shareAccess(long t, Host host, Session s, String sourceIp, String share, String localPath) {
        Account a = s.account();
        add(EventKind.SHARE_ACCESS, t, host, machine(host).lsass.pid(), null, SHARE, a.sid(), a.name(), a.domain(),
                s.logonId(), "File", sourceIp, Integer.toString(rng.between(49700, 65000)), "\\\\*\\" + share, localPath,
                "0x1", "%%4416\r\n\t\t\t\t");
    }

    /** 4769 on a domain controller: a Kerberos service ticket for {@code service}. */
    void serviceTicket(long t, Host dc, Account a, Account service, String sourceIp) {
        add(EventKind.SERVICE_TICKET, t, dc, machine(dc).lsass.pid(), null, SERVICE_TICKET,
                a.name() + "@" + Network.DNS_DOMAIN.toUpperCase(Locale.ROOT), Network.DNS_DOMAIN.toUpperCase(Locale.ROOT),
                service.name(), service.sid(), "0x40810000", "0x12", "::ffff:" + sourceIp,
                Integer.toString(rng.between(49700, 65000)), "0x0", "{" + rng.uuid().toUpperCase(Locale.ROOT) + "}", "-");
    }

    // ---- System ------------------------------------------------------------------------------------

    /** 7045: a service was installed, by {@code installer}. */
    void serviceInstalled(long t, Host host, Account installer, String name, String imagePath, String startType) {
        add(EventKind.SERVICE_INSTALLED, t, host, machine(host).services.pid(), installer.sid(), SERVICE_INSTALLED, name,
                imagePath, "user mode service", startType, "LocalSystem");
    }

    /** 7036: a service entered the running or stopped state. */
    void serviceState(long t, Host host, String displayName, String serviceKey, boolean running) {
        StringBuilder hex = new StringBuilder();
        for (char c : (serviceKey + "/" + (running ? 4 : 1)).toCharArray()) {
            hex.append(String.format(Locale.ROOT, "%02X00", (int) c));
        }
        hex.append("0000");
        add(EventKind.SERVICE_STATE, t, host, machine(host).services.pid(), null, SERVICE_STATE, displayName,
                running ? "running" : "stopped", hex.toString());
    }

    // ---- IIS ---------------------------------------------------------------------------------------

    /**
     * A request to an Exchange server, with the {@code CorrelationID} and {@code cafeReqId} Exchange's
     * front end appends to the query ({@code query} without them; null for none).
     */
    void web(long t, Host server, String method, String stem, String query, String username, String clientIp,
             String userAgent, String referer, String cookie, int status, int timeTaken) {
        String id = rng.uuid();
        String q = (query == null ? "" : query + "&") + "CorrelationID=<empty>;&cafeReqId=" + id + ";";
        int substatus = status == 401 ? rng.pick(1, 2) : 0;
        long win32 = status == 401 && substatus == 1 ? 2148074254L : status >= 500 ? 64 : 0;
        scenario.out().add(new WebRequest(t, server, method, stem, q, 443, username, clientIp, userAgent, referer,
                cookie, status, substatus, win32, timeTaken, id, label));
    }

    // ---- common ------------------------------------------------------------------------------------

    private void add(EventKind kind, long t, Host h, int pid, String userSid, String[] names, String... values) {
        if (values.length != names.length) {
            throw new IllegalStateException(kind + ": " + values.length + " values for " + names.length + " names");
        }
        scenario.out().add(new WinEvent(kind, t, h, pid, machine(h).nextThreadId(), userSid, names, values, label));
    }
}
