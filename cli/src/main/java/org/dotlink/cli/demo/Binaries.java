package org.dotlink.cli.demo;

/**
 * The programs and DLLs of the scenario: Windows Server 2019 / Windows 10 1809 (build 17763, so the
 * system files are the same on servers and workstations), the operator's applications, the
 * administrators' tools, and each intrusion's own tools (each with its own hashes).
 */
final class Binaries {

    private Binaries() {}

    private static final String SYS32 = "C:\\Windows\\System32\\";
    private static final String WIN_VERSION = "10.0.17763.1 (WinBuild.160101.0800)";
    private static final String WINDOWS = "Microsoft® Windows® Operating System";
    private static final String MICROSOFT = "Microsoft Corporation";
    private static final String MS_SIGNER = "Microsoft Windows";
    private static final String SYSINTERNALS = "Sysinternals - www.sysinternals.com";

    private static Binary win(String path, String description, String originalFileName) {
        return new Binary("win17763:" + path.toLowerCase(), path, WIN_VERSION, description, WINDOWS, MICROSOFT,
                originalFileName, MS_SIGNER);
    }

    private static Binary sys(String file, String description, String originalFileName) {
        return win(SYS32 + file, description, originalFileName);
    }

    // ---- Windows ----------------------------------------------------------------------------------
    static final Binary SMSS = sys("smss.exe", "Windows Session Manager", "smss.exe");
    static final Binary CSRSS = sys("csrss.exe", "Client Server Runtime Process", "CSRSS.Exe");
    static final Binary WININIT = sys("wininit.exe", "Windows Start-Up Application", "WinInit.exe");
    static final Binary WINLOGON = sys("winlogon.exe", "Windows Logon Application", "WINLOGON.EXE");
    static final Binary SERVICES = sys("services.exe", "Services and Controller app", "services.exe");
    static final Binary LSASS = sys("lsass.exe", "Local Security Authority Process", "lsass.exe");
    static final Binary SVCHOST = sys("svchost.exe", "Host Process for Windows Services", "svchost.exe");
    static final Binary USERINIT = sys("userinit.exe", "Userinit Logon Application", "USERINIT.EXE");
    static final Binary EXPLORER = win("C:\\Windows\\explorer.exe", "Windows Explorer", "EXPLORER.EXE");
    static final Binary SIHOST = sys("sihost.exe", "Shell Infrastructure Host", "sihost.exe");
    static final Binary CMD = sys("cmd.exe", "Windows Command Processor", "Cmd.Exe");
    static final Binary CONHOST = sys("conhost.exe", "Console Window Host", "CONHOST.EXE");
    static final Binary WHOAMI = sys("whoami.exe", "whoami - displays logged on user information", "whoami.exe");
    static final Binary NET = sys("net.exe", "Net Command", "net.exe");
    static final Binary NET1 = sys("net1.exe", "Net Command", "net1.exe");
    static final Binary NLTEST = sys("nltest.exe", "Microsoft® Logon Server Test Utility", "nltestrk.exe");
    static final Binary IPCONFIG = sys("ipconfig.exe", "IP Configuration Utility", "ipconfig.exe");
    static final Binary TASKLIST = sys("tasklist.exe", "Lists the current running tasks", "tasklist.exe");
    static final Binary QUSER = sys("quser.exe", "Query User Utility", "quser.exe");
    static final Binary SYSTEMINFO = sys("systeminfo.exe", "Displays system information", "sysinfo.exe");
    static final Binary NETSTAT = sys("NETSTAT.EXE", "TCP/IP Netstat Command", "netstat.exe");
    static final Binary ARP = sys("ARP.EXE", "TCP/IP Arp Command", "arp.exe");
    static final Binary NSLOOKUP = sys("nslookup.exe", "nslookup", "nslookup.exe");
    static final Binary PING = sys("PING.EXE", "TCP/IP Ping Command", "ping.exe");
    static final Binary SC = sys("sc.exe", "Service Control Manager Configuration Tool", "sc.exe");
    static final Binary SCHTASKS = sys("schtasks.exe", "Task Scheduler Configuration Tool", "schtasks.exe");
    static final Binary WMIC = sys("wbem\\WMIC.exe", "WMI Commandline Utility", "wmic.exe");
    static final Binary WMIPRVSE = sys("wbem\\WmiPrvSE.exe", "WMI Provider Host", "Wmiprvse.exe");
    static final Binary TASKHOSTW = sys("taskhostw.exe", "Host Process for Windows Tasks", "taskhostw.exe");
    static final Binary BACKGROUND_TASK_HOST = sys("backgroundTaskHost.exe", "Background Task Host",
            "backgroundTaskHost.exe");
    static final Binary RUNTIME_BROKER = sys("RuntimeBroker.exe", "Runtime Broker", "RuntimeBroker.exe");
    static final Binary SEARCH_INDEXER = sys("SearchIndexer.exe", "Microsoft Windows Search Indexer",
            "SearchIndexer.exe");
    static final Binary SEARCH_PROTOCOL_HOST = sys("SearchProtocolHost.exe", "Microsoft Windows Search Protocol Host",
            "SearchProtocolHost.exe");
    static final Binary SEARCH_FILTER_HOST = sys("SearchFilterHost.exe", "Microsoft Windows Search Filter Host",
            "SearchFilterHost.exe");
    static final Binary DLLHOST = sys("dllhost.exe", "COM Surrogate", "dllhost.exe");
    static final Binary MSIEXEC = sys("msiexec.exe", "Windows® installer", "msiexec.exe");
    static final Binary CERTUTIL = sys("certutil.exe", "CertUtil.exe", "CertUtil.exe");
    static final Binary MSTSC = sys("mstsc.exe", "Remote Desktop Connection", "mstsc.exe");
    static final Binary RDPCLIP = sys("rdpclip.exe", "RDP Clipboard Monitor", "rdpclip.exe");
    static final Binary ROBOCOPY = sys("Robocopy.exe", "Microsoft® Robocopy", "robocopy.exe");
    static final Binary RUNAS = sys("runas.exe", "Run As Utility", "RUNAS.EXE");
    static final Binary MMC = sys("mmc.exe", "Microsoft Management Console", "MMC.EXE");
    static final Binary GPUPDATE = sys("gpupdate.exe", "Microsoft® Group Policy Update Utility", "GPUpdate.exe");
    static final Binary REKEYWIZ = sys("rekeywiz.exe", "EFS REKEY wizard", "REKEYWIZ.EXE");
    static final Binary NOTEPAD = sys("notepad.exe", "Notepad", "NOTEPAD.EXE");
    static final Binary SHUTDOWN = sys("shutdown.exe", "Windows Shutdown and Annotation Tool", "shutdown.exe");
    static final Binary DSAC = sys("dsac.exe", "Active Directory Administrative Center", "dsac.exe");
    static final Binary TASKKILL = sys("taskkill.exe", "Terminates Processes", "taskkill.exe");
    static final Binary WEVTUTIL = sys("wevtutil.exe", "Eventing Command Line Utility", "wevtutil.exe");
    static final Binary APPCMD = new Binary("win17763:appcmd", SYS32 + "inetsrv\\appcmd.exe", WIN_VERSION,
            "Application Server Command Line Admin Tool", "Internet Information Services", MICROSOFT, "appcmd.exe",
            MS_SIGNER);
    static final Binary W3WP = new Binary("win17763:w3wp", SYS32 + "inetsrv\\w3wp.exe", WIN_VERSION,
            "IIS Worker Process", "Internet Information Services", MICROSOFT, "w3wp.exe", MS_SIGNER);
    static final Binary CSC = new Binary("netfx:csc", "C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\csc.exe",
            "4.7.3190.0 built by: NET472REL1LAST_C", "Visual C# Command Line Compiler", "Microsoft® .NET Framework",
            MICROSOFT, "csc.exe", "Microsoft Corporation");
    static final Binary CVTRES = new Binary("netfx:cvtres",
            "C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\cvtres.exe", "14.10.25028.0 built by: NET472REL1",
            "Microsoft® Resource File To COFF Object Conversion Utility", "Microsoft® .NET Framework", MICROSOFT,
            "CVTRES.EXE", "Microsoft Corporation");
    static final Binary CLR_DLL = new Binary("netfx:clr", "C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\clr.dll",
            "4.7.3190.0 built by: NET472REL1LAST_C", "Microsoft .NET Runtime Common Language Runtime - WorkStation",
            "Microsoft® .NET Framework", MICROSOFT, "clr.dll", "Microsoft Corporation");
    static final Binary TIWORKER = win("C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35"
            + "_10.0.17763.1790_none_7b9c8a9d4e7b0a6f\\TiWorker.exe", "Windows Modules Installer Worker", "TiWorker.exe");
    static final Binary TRUSTED_INSTALLER = win("C:\\Windows\\servicing\\TrustedInstaller.exe",
            "Windows Modules Installer", "TrustedInstaller.exe");
    static final Binary SYSMON = new Binary("sysmon:13.01", "C:\\Windows\\Sysmon64.exe", "13.01",
            "System activity monitor", "Sysinternals Sysmon", SYSINTERNALS, "Sysmon.exe", "Microsoft Corporation");

    private static final String DEFENDER = "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.2102.3-0\\";
    static final Binary MSMPENG = new Binary("defender:msmpeng", DEFENDER + "MsMpEng.exe", "4.18.2102.3 (WinBuild.160101.0800)",
            "Antimalware Service Executable", WINDOWS, MICROSOFT, "MsMpEng.exe", "Microsoft Windows Publisher");
    static final Binary MPSVC_DLL = new Binary("defender:mpsvc", DEFENDER + "MpSvc.dll", "4.18.2102.3 (WinBuild.160101.0800)",
            "Windows Defender Service", WINDOWS, MICROSOFT, "mpsvc.dll", "Microsoft Windows Publisher");
    static final Binary MPCLIENT_DLL = new Binary("defender:mpclient", DEFENDER + "MpClient.dll",
            "4.18.2102.3 (WinBuild.160101.0800)", "Client Interface", WINDOWS, MICROSOFT, "mpclient.dll",
            "Microsoft Windows Publisher");

    // ---- applications -----------------------------------------------------------------------------
    static final Binary CHROME = new Binary("chrome:89.0.4389.82",
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "89.0.4389.82", "Google Chrome",
            "Google Chrome", "Google LLC", "chrome.exe", "Google LLC");
    static final Binary GOOGLE_UPDATE = new Binary("googleupdate:1.3.36.72",
            "C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe", "1.3.36.72", "Google Installer",
            "Google Update", "Google LLC", "GoogleUpdate.exe", "Google LLC");
    private static final String OFFICE = "C:\\Program Files\\Microsoft Office\\root\\Office16\\";
    static final Binary OUTLOOK = new Binary("office:outlook", OFFICE + "OUTLOOK.EXE", "16.0.13801.20266",
            "Microsoft Outlook", "Microsoft Outlook", MICROSOFT, "Outlook.exe", "Microsoft Corporation");
    static final Binary WINWORD = new Binary("office:winword", OFFICE + "WINWORD.EXE", "16.0.13801.20266",
            "Microsoft Word", "Microsoft Office", MICROSOFT, "WinWord.exe", "Microsoft Corporation");
    static final Binary EXCEL = new Binary("office:excel", OFFICE + "EXCEL.EXE", "16.0.13801.20266",
            "Microsoft Excel", "Microsoft Office", MICROSOFT, "Excel.exe", "Microsoft Corporation");
    static final Binary EQNEDT32 = new Binary("office:eqnedt32",
            "C:\\Program Files (x86)\\Common Files\\Microsoft Shared\\EQUATION\\EQNEDT32.EXE", "2000.11.9.0",
            "Microsoft Equation Editor", "Microsoft Equation Editor", "Design Science, Inc.", "EQNEDT32.EXE", null);
    static final Binary ONEDRIVE = new Binary("onedrive:21.016", "C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe",
            "21.016.0124.0003", "Microsoft OneDrive", "Microsoft OneDrive", MICROSOFT, "OneDrive.exe",
            "Microsoft Corporation");
    static final Binary ACROBAT = new Binary("acrobat:21.001",
            "C:\\Program Files (x86)\\Adobe\\Acrobat Reader DC\\Reader\\AcroRd32.exe", "21.1.20145.57388",
            "Adobe Acrobat Reader DC", "Adobe Acrobat Reader DC", "Adobe Systems Incorporated", "AcroRd32.exe",
            "Adobe Inc.");
    static final Binary PUTTY = new Binary("putty:0.74", "C:\\Program Files\\PuTTY\\putty.exe", "Release 0.74",
            "SSH, Telnet and Rlogin client", "PuTTY suite", "Simon Tatham", "PuTTY", "Simon Tatham");
    static final Binary WINSCP = new Binary("winscp:5.17.10", "C:\\Program Files (x86)\\WinSCP\\WinSCP.exe",
            "5.17.10.11087", "WinSCP: SFTP, FTP, WebDAV, S3 and SCP client", "WinSCP", "Martin Prikryl", "winscp.exe",
            "Martin Prikryl");
    static final Binary RAR = new Binary("rar:6.00", "C:\\Program Files\\WinRAR\\Rar.exe", "6.0.0", "Command line RAR",
            "WinRAR", "Alexander Roshal", "Rar.exe", "win.rar GmbH");
    static final Binary PSEXEC = new Binary("psexec:2.2", "C:\\Tools\\SysinternalsSuite\\PsExec.exe", "2.2",
            "Execute processes remotely", "Sysinternals PsExec", SYSINTERNALS, "psexec.c", "Microsoft Corporation");
    static final Binary PSEXESVC = new Binary("psexesvc:2.2", "C:\\Windows\\PSEXESVC.exe", "2.2",
            "PsExec Service Host", "Sysinternals PsExec", SYSINTERNALS, "psexesvc.exe", "Microsoft Corporation");
    static final Binary SQLSERVR = new Binary("sql:15.0.2000.5",
            "C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe",
            "2019.0150.2000.05 ((SQLServer).190924-2033 )", "SQL Server Windows NT - 64 Bit", "Microsoft SQL Server",
            MICROSOFT, "SQLSERVR.EXE", "Microsoft Corporation");

    private static final String EXCHANGE = "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\";
    static final String OWA_FOLDER = EXCHANGE + "FrontEnd\\HttpProxy\\owa\\";
    static final String ECP_FOLDER = EXCHANGE + "FrontEnd\\HttpProxy\\ecp\\";
    static final Binary EXCHANGE_HM_WORKER = new Binary("exchange:hmworker", EXCHANGE + "Bin\\MSExchangeHMWorker.exe",
            "15.01.2176.002", "Microsoft Exchange Health Manager Worker", "Microsoft® Exchange", MICROSOFT,
            "MSExchangeHMWorker.exe", "Microsoft Corporation");
    static final Binary EXCHANGE_HM_HOST = new Binary("exchange:hmhost", EXCHANGE + "Bin\\MSExchangeHMHost.exe",
            "15.01.2176.002", "Microsoft Exchange Health Manager Service Host", "Microsoft® Exchange", MICROSOFT,
            "MSExchangeHMHost.exe", "Microsoft Corporation");
    static final Binary EXCHANGE_TRANSPORT = new Binary("exchange:transport", EXCHANGE + "Bin\\MSExchangeTransport.exe",
            "15.01.2176.002", "MSExchangeTransport", "Microsoft® Exchange", MICROSOFT, "MSExchangeTransport.exe",
            "Microsoft Corporation");
    static final Binary OWA_SERVER_DLL = new Binary("exchange:owa2server", OWA_FOLDER + "bin\\Microsoft.Exchange.Clients.Owa2.Server.dll",
            "15.01.2176.002", "Microsoft.Exchange.Clients.Owa2.Server", "Microsoft® Exchange", MICROSOFT,
            "Microsoft.Exchange.Clients.Owa2.Server.dll", "Microsoft Corporation");

    private static final String BILLING = "D:\\BillingApp\\bin\\";
    static final Binary BILLING_ENGINE = new Binary("nusabill:engine", BILLING + "BillingEngine.exe", "7.4.2.1180",
            "Convergent Billing Engine", "NusaBill", "NusaSoft Solutions", "BillingEngine.exe", "NusaSoft Solutions");
    static final Binary CDR_COLLECTOR = new Binary("nusabill:collector", BILLING + "CdrCollector.exe", "7.4.2.1180",
            "CDR Collector Service", "NusaBill", "NusaSoft Solutions", "CdrCollector.exe", "NusaSoft Solutions");
    static final Binary CDR_IMPORT = new Binary("nusabill:import", BILLING + "cdr_import.exe", "7.4.2.1180",
            "CDR Import", "NusaBill", "NusaSoft Solutions", "cdr_import.exe", "NusaSoft Solutions");
    static final Binary CDR_EXPORT = new Binary("nusabill:export", BILLING + "cdr_export.exe", "7.4.2.1180",
            "CDR Export", "NusaBill", "NusaSoft Solutions", "cdr_export.exe", "NusaSoft Solutions");

    // ---- cluster A (Soft Cell-like) ----------------------------------------------------------------
    static final Binary A_PROCDUMP = new Binary("a:procdump64:10.0", "C:\\ProgramData\\pd.exe", "10.0",
            "Sysinternals process dump utility", "ProcDump", SYSINTERNALS, "procdump", "Microsoft Corporation");
    static final Binary A_PSEXEC = new Binary("a:psexec64:2.32", "C:\\ProgramData\\PsExec64.exe", "2.32",
            "Execute processes remotely", "Sysinternals PsExec", SYSINTERNALS, "psexec.c", "Microsoft Corporation");
    static final Binary A_PSEXESVC = new Binary("a:psexesvc:2.32", "C:\\Windows\\PSEXESVC.exe", "2.32",
            "PsExec Service Host", "Sysinternals PsExec", SYSINTERNALS, "psexesvc.exe", "Microsoft Corporation");
    static final Binary A_NBTSCAN = Binary.unversioned("a:nbtscan", "C:\\ProgramData\\nbtscan.exe", null);
    static final Binary A_RAR = new Binary("a:rar:5.50", "C:\\ProgramData\\r.exe", "5.50.0", "Command line RAR",
            "WinRAR", "Alexander Roshal", "Rar.exe", "win.rar GmbH");
    static final Binary A_HTRAN = Binary.unversioned("a:htran", "C:\\ProgramData\\msdtc.exe", null);

    // ---- cluster B (Naikon-like) -------------------------------------------------------------------
    static final String B_FOLDER = "C:\\ProgramData\\Microsoft\\DeviceSync\\";
    static final Binary B_LOADER_DLL = Binary.unversioned("b:slc-loader", B_FOLDER + "slc.dll", null);

    // ---- cluster C (APT27-like) --------------------------------------------------------------------
    static final Binary C_OWA_BACKDOOR = new Binary("c:owaauth", OWA_FOLDER + "bin\\Microsoft.Exchange.Clients.OwaAuth.dll",
            "15.1.2176.2", "Microsoft.Exchange.Clients.OwaAuth", "Microsoft® Exchange", MICROSOFT,
            "Microsoft.Exchange.Clients.OwaAuth.dll", null);
}
