package org.dotlink.sigma.builtin;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dotlink.core.Event;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.EventSources;
import org.dotlink.ingest.InputDiscovery;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.compile.RuleCompiler;
import org.dotlink.sigma.logsource.LogsourceMapping;
import org.dotlink.sigma.rule.SigmaRule;
import org.junit.jupiter.api.Test;

/**
 * The built-in rules over the real attack samples: every {@code .evtx} of {@code evtx-attack-samples}
 * and the IIS log beside them ({@code Command and Control/Tunna_rdp_tunnel_IIS.log}), read as
 * {@code dotlink events} reads them. Prints how many events each rule fired on, and asserts the counts
 * that were checked event by event.
 */
class BuiltinRulesOnSamplesTest {

    /** Rule file → events it fires on in the samples, each count checked against the events themselves. */
    private static final Map<String, Integer> EXPECTED = Map.ofEntries(
            // Sysmon 10 on lsass with 0x1010/0x1410/0x143a/0x1fffff/0x1f1fff: mimikatz, procdump (3 files), Task
            // Manager, Dumpert and its DLL through rundll32, AndrewSpecial, PowerShell (Invoke-Mimikatz, babyshark,
            // Atomic Red Team), MalSeclogon, ppldump, a meterpreter process listing, a python harness; services.exe
            // under PPLdump is filtered out, PPLdump's own 0x1000 is not in the list
            entry("dotlink_access_lsass.yml", 23),
            // ESENT 326 ($SNAP_ snapshot mounted) and 325 (IFM copy under C:\Users\...), not the 327 detaches
            entry("dotlink_app_ntds_database_copy.yml", 2),
            // procdump, Task Manager and PPLdump (through services.exe) writing lsass*.dmp; dumpert.dmp and
            // Andrew.dmp do not name lsass
            entry("dotlink_file_lsass_dump.yml", 3),
            // NvSmartMax, OnKeyToken_KEB, wwlib (Users\Public x4, AppData\Roaming x2, ProgramData\Intel), jli.dll of
            // the APT10 jjs sample (x2), KeeFarce's BootstrapDLL, SharpRDP's interop DLL (x2), UACME's consent.exe copy
            entry("dotlink_image_dll_sideloading.yml", 15),
            // plink.exe connections of the RDP tunnelling sample
            entry("dotlink_net_transfer_tool.yml", 3),
            // w3wp.exe -> powershell -enc (IIS config discovery) and w3wp.exe -> cmd /c net user (web shell)
            entry("dotlink_proc_exchange_worker_shell.yml", 2),
            // wmiexec (3) and smbmap (3) output redirection to \\127.0.0.1\ADMIN$ and C$
            entry("dotlink_proc_impacket_exec_output.yml", 6),
            // cmd /c procdump -ma lsass (Atomic Red Team), comsvcs.dll MiniDump, rdrleakdiag /fullmemdmp
            entry("dotlink_proc_lsass_dump_tools.yml", 3),
            // nc64 -e cmd.exe, and RoguePotato's command line that launches it; "nc.exe 127.0.0.1 1337" is not a shell
            entry("dotlink_proc_netcat_shell.yml", 2),
            // ntdsutil ifm, vssadmin create shadow (cmd and vssadmin), copy of NTDS.dit and of SYSTEM from a shadow
            // copy, wmic shadowcopy call create (cmd and wmic); not "wmic process call create \\?\...ShadowCopy7"
            entry("dotlink_proc_ntds_theft.yml", 7),
            // PSEXESVC.exe starting in three samples (twice in one)
            entry("dotlink_proc_psexec.yml", 4),
            // the seven "reg save HKLM\SAM|SYSTEM|SECURITY" of Atomic Red Team (the cmd.exe parents are not reg.exe)
            entry("dotlink_proc_reg_save_hives.yml", 7),
            // /ru "System"; /XML from AppData\Local\Temp (two samples); /tr pointing into a shadow copy's Windows\Temp
            entry("dotlink_proc_schtasks_suspicious.yml", 4),
            // WmiPrvSE.exe -> cmd.exe: wmiexec (3), smbmap (3), PoisonHandler, a CommandLineEventConsumer
            entry("dotlink_proc_wmiprvse_shell.yml", 8),
            // 4732 adding Guest's SID and NETWORK SERVICE to Administrators (S-1-5-32-544)
            entry("dotlink_sec_privileged_group_add.yml", 2),
            // 4698: tasklist to %windir%\Temp as SYSTEM (two samples), FullPowers.exe from Users\Public
            entry("dotlink_sec_scheduled_task_created.yml", 3),
            // 7045 services running cmd.exe (2) and %COMSPEC% (1); "calc.exe" is not a shell
            entry("dotlink_sys_service_shell.yml", 3),
            // the three Tunna connection requests "proxy&port=3389&ip=127.0.0.1"; the 4,295 data requests carry "proxy"
            entry("dotlink_web_tunna_tunnel.yml", 3),
            // the Tunna log is a web-shell tunnel on /erp/conn.aspx, not Exchange: no ProxyLogon rule fires on it
            entry("dotlink_web_exchange_ssrf.yml", 0),
            entry("dotlink_web_exchange_shell_page.yml", 0),
            entry("dotlink_web_china_chopper_post.yml", 0),
            entry("dotlink_web_regeorg_tunnel.yml", 0),
            // "attrib +h nbtscan.exe" names the tool but runs no scan
            entry("dotlink_proc_nbtscan.yml", 0),
            // "rar a -r exfilthis.rar *.docx" has no password
            entry("dotlink_proc_archive_password.yml", 0),
            // the only 7045 samples name random or spooler services, none PSEXESVC
            entry("dotlink_sys_psexec_service.yml", 0),

            // ---- behaviour of the attack samples that SigmaHQ's rules miss (or tag with another tactic)
            // logon type 10 from 127.0.0.1: the RDP tunnelling samples (4624 and 5156 files)
            entry("dotlink_sec_rdp_logon_loopback.yml", 2),
            // RCM 1149 from 127.0.0.1 (admin01); the other ten 1149s come from 10.0.2.15/16 and fe80::
            entry("dotlink_rcm_rdp_auth_loopback.yml", 1),
            // Tunna: w3wp.exe to 127.0.0.1:3389 (2) and :445 (2); the svchost/System ends are not initiated by w3wp
            entry("dotlink_net_web_server_tunnel.yml", 4),
            // BITS jobs created by notepad.exe (9, an injected implant fetching i.imgur.com) and by
            // desktopimgdownldr.exe; svchost, Google Update, OneDrive, Chrome and SpeechModelDownload are not listed
            entry("dotlink_bits_job_unusual_client.yml", 10),
            // the two 3001 events of LsassSilentProcessExit.exe for lsass.exe
            entry("dotlink_app_lsass_silent_process_exit.yml", 2),
            // protected_storage over IPC$ from 172.16.66.1 (DPAPI masterkey /rpc)
            entry("dotlink_sec_protected_storage_pipe.yml", 1),
            // chrome.exe logons type 2 (two 4624, one 4625) with LogonProcessName Chrome
            entry("dotlink_sec_browser_password_reveal.yml", 3),
            // frida-winjector-helper-32.exe from Temp opening TeamViewer.exe with 0x147a
            entry("dotlink_access_remote_tool_memory.yml", 1),
            // kekeo.exe creating and connecting to \kekeo_tsssp_endpoint
            entry("dotlink_pipe_kekeo_tsssp.yml", 2),
            // keylogger_directx.exe on the Desktop writing the four MostRecentApplication values
            entry("dotlink_reg_directinput_user_program.yml", 4),
            // WerFault.exe under "svchost -k LocalServiceNetworkRestricted -p -s EventLog", twice; the byt3bl33d3r
            // sample's WerFault runs under the shared LocalServiceNetworkRestricted group without -s and is not counted
            entry("dotlink_proc_eventlog_service_crash.yml", 2),
            // the six 4826 of the KernelDebug/TestSigning sample: kernel debugging on in all six, test signing in one
            entry("dotlink_sec_boot_debug_testsigning.yml", 6),
            // powershell.exe deleting __PSLockdownPolicy
            entry("dotlink_reg_powershell_lockdown_removed.yml", 1),
            // CAPI2/Operational Enabled set to 0 (twice); the two sets to 1 are not counted
            entry("dotlink_reg_eventlog_channel_disabled.yml", 2),
            // PsExec -r svchost: svchost-MSEDGEWIN10-8116-stdin/stdout/stderr created by C:\Windows\svchost.exe (3)
            // and connected by PsExec.exe (3); the \svchost control pipe has no -std suffix
            entry("dotlink_pipe_psexec_renamed_service.yml", 6),
            // Furutaka.exe (TDL) from Users\Public writing System32\drivers\VBoxDrv.sys
            entry("dotlink_file_driver_from_user_folder.yml", 1),
            // CDPSvc's svchost loading the unsigned cdpsgshims.dll from ProgramData\chocolatey\bin, and taskhostw
            // loading npmproxy.dll from Users\Public (the CDSSync task hijack)
            entry("dotlink_image_service_host_unsigned_dll.yml", 2),
            // 4985 of proc_doppel64.exe in ProgramData (2) and of PPLdump.exe on the Desktop (2)
            entry("dotlink_sec_transaction_user_writable.yml", 4),
            // CreateRemoteThread from \\vboxsrv (m.exe to explorer; voice_mail.msg.exe to lsass, twice), KeeFarce in
            // Users\Public to KeePass, jjs.exe on the Desktop to svchost, WINWORD.exe in AppData\Roaming to explorer
            // and to "<unknown process>"; WINWORD to itself is left out
            entry("dotlink_remote_thread_from_user_folder.yml", 7),
            // mimikatz.exe on the Desktop opening notepad.exe with 0x800 only
            entry("dotlink_access_suspend_only.yml", 1),
            // Sysmon 2 on bs.ps1 in Startup and on NvSmart.exe/NvSmartMax.dll in AppData\Roaming; the .url and the
            // msiexec .msi files are not counted
            entry("dotlink_file_timestomp_autostart.yml", 3),
            // 4798/4799 with net1.exe as caller (three in one sample, one in the remote enumeration sample, whose
            // other four 4799 have caller id 0)
            entry("dotlink_sec_local_group_enum_net.yml", 4),
            // powershell.exe (Invoke-UserHunter) to the DC's port 389, twice
            entry("dotlink_net_powershell_ldap.yml", 2),
            // cmd.exe under wuauclt /UpdateDeploymentProvider (2), under an MSI custom action (MSI4FFD.tmp), under
            // msxsl.exe from \\vboxsrv, under the renamed regsvr32 (jabber.exe /i:http), under regsvr32 (sct sample)
            entry("dotlink_proc_shell_from_proxy_binary.yml", 6),
            // iexplore.exe starting cmd.exe (CVE-2018-15982 drive-by) and the SharpShooter update.hta / updatevbs.vbs
            entry("dotlink_proc_browser_shell.yml", 3),
            // Invoice@0582.cpl from Downloads; the three procexp64.exe events are WrpKeyMitigation
            entry("dotlink_app_cpl_from_user_folder.yml", 1),
            // winpm.exe //e:{16d51579-...} winpm_update.js
            entry("dotlink_proc_wsh_jscript9_engine.yml", 1),
            // svcctl with WriteData: RemCom (3), the remote service sample, the renamed PsExec service
            entry("dotlink_sec_svcctl_remote_write.yml", 5),
            // writes to RemComSvc.exe on ADMIN$ (6), malwr.exe and Windows\Temp\setup.bat on C$ (2 each), blabla.exe
            // on ADMIN$ (2); the browsing of C$ (desktop.ini, folders) and the RemCom reads over ::1 are read-only
            entry("dotlink_sec_admin_share_program_write.yml", 12),
            // atsvc with WriteData from 10.0.2.17 (the atexec-style task CYAlyNSS)
            entry("dotlink_sec_atsvc_remote_write.yml", 1),
            // 10016 Remote Launch of ShellBrowserWindow and of MMC20.Application; the two Local ones name SecurityCenter
            entry("dotlink_sys_dcom_lateral_object_launch.yml", 2),
            // inbound connections accepted by explorer.exe (3, ShellWindows/ShellBrowserWindow), mshta.exe (LethalHTA)
            // and mmc.exe (Impacket dcomexec MMC20); babyshark's mmc.exe to the local endpoint mapper is left out
            entry("dotlink_net_dcom_host_inbound.yml", 5),
            // reg.exe writing NullSessionPipes
            entry("dotlink_reg_null_session_pipes.yml", 1),
            // DirectoryServiceExtPt set to \\172.16.66.254\shared\lsadb.dll through Remote Registry
            entry("dotlink_reg_lsa_extension_network_dll.yml", 1),
            // lsass.exe loading \\172.16.66.254\shared\lsadb.dll, twice
            entry("dotlink_image_lsass_network_dll.yml", 2),
            // \\tsclient\c\temp\stack\a.exe started through the Run dialog (SharpRDP)
            entry("dotlink_proc_run_from_rdp_client_drive.yml", 1),
            // System writing onedrive.exe into a Startup folder over SMB; mstsc.exe writing cmd.exe into Startup
            entry("dotlink_file_startup_write_remote.yml", 2),
            // WinRM 91 (winrs cmd shell) and the three 169 with NTLM of the remote PowerShell sample
            entry("dotlink_winrm_inbound_shell.yml", 4),
            // RdpCoreTS 168 with a 200x200 monitor (6, SharpRDP); the 1920x1080 ones are not counted
            entry("dotlink_rdp_tiny_client_screen.yml", 6),
            // SharpRDP.exe in ProgramData\USOShared loading SysWOW64\mstscax.dll
            entry("dotlink_image_rdp_activex_user_program.yml", 1),
            // svchost -k localService -p -s RemoteRegistry
            entry("dotlink_proc_remote_registry_started.yml", 1),
            // powershell.exe to 10.0.2.17:135 (remote task creation); its second connection goes to a dynamic port
            entry("dotlink_net_powershell_remote_rpc.yml", 1),
            // 5142 for the share PRINT of c:\windows\system32
            entry("dotlink_sec_network_share_added.yml", 1),
            // LanmanServer\Shares\staging; Shares\Security\staging is the share's descriptor and is left out
            entry("dotlink_reg_network_share_added.yml", 1),
            // wmiprvse.exe writing HKCR\ms-browser\shell\open\command (4, PoisonHandler) and Run\wmipers (1)
            entry("dotlink_reg_wmi_autostart_or_handler.yml", 5),
            // the seven Program-Telemetry 500 for osk.exe (6) and utilman.exe (1) with CorrectFilePaths
            entry("dotlink_app_shim_accessibility_binary.yml", 7),
            // BITS 59 "backdoor" and "hola" with C:\Windows\system32\cmd.exe as source
            entry("dotlink_bits_local_file_job.yml", 2),
            // "/c notepad.exe" and "/u /s /i:https://...calc.sct scrobj.dll" under svchost -k netsvcs (BITS
            // SetNotifyCmdLine) in the bitsjob sample, and the same regsvr32 line in the jscript9 sample
            entry("dotlink_proc_bits_notify_command.yml", 3),
            // com-hijack.exe pointing the user's CLSID {BCDE0395-...}\InprocServer32 to C:\ProgramData\demo.dll
            entry("dotlink_reg_user_com_hijack.yml", 1),
            // MSBuild.exe writing Guest's (0x1F5) F value
            entry("dotlink_reg_sam_account_f_value.yml", 1),
            // osk.exe (utilman /debug) starting whoami.exe, and C:\osk.exe (shim redirect) starting whoami.exe
            entry("dotlink_proc_accessibility_program_child.yml", 2),
            // regedit writing PendingGPOs\Count, Section1 and Path1 (c:\programdata\gpo.inf)
            entry("dotlink_reg_ieak_pending_gpo.yml", 3),
            // smss.exe starting cmd.exe
            entry("dotlink_proc_smss_unexpected_child.yml", 1),
            // lsass creating Users\Names\support (4 times, the account was re-created) and Names\sqlsvc, and
            // setting Aliases\00000220\C (4); the three DeleteKey are not counted
            entry("dotlink_reg_sam_local_account_or_admins.yml", 9),
            // 4624 type 9 seclogo: Invoke-TokenDuplication (outbound l\o), the token manipulation sample,
            // mimikatz sekurlsa::pth, MalSeclogon
            entry("dotlink_sec_netonly_logon.yml", 4),
            // wusa /extract:C:\Windows...: WScript manifest bypass (8), cliconfg, mcx2prov, migwiz, sysprep (2 each)
            entry("dotlink_proc_wusa_extract_windows.yml", 16),
            // Volatile Environment\SYSTEMROOT set to %TEMP% (perfmon bypass); its deletion is not a SetValue
            entry("dotlink_reg_volatile_environment_systemroot.yml", 1),
            // unsigned DLLs under System32 loaded by System32 programs: WindowsCoreDeviceInfo.dll (36, Update Session
            // Orchestrator hijack), consent.exe.local comctl32 (UACME 22, 2), wow64log.dll (UACME 30, 2), ualapi.dll
            // (faxhell), spool\drivers Test.dll and payload.dll, phoneinfo.dll (wermgr), NTWDBLIB.dll (cliconfg),
            // CRYPTBASE.dll under migwiz and sysprep (3)
            entry("dotlink_image_unsigned_system_folder_dll.yml", 48),
            // UScheduler\51999 cmdLine (cmd.exe), startArg and pauseArg (/c "whoami ..."); queuedTime is not counted
            entry("dotlink_reg_update_orchestrator_command.yml", 3),
            // pipey (computer account over ::1) and samir (user03 over 127.0.0.1, local pass-the-hash)
            entry("dotlink_sec_loopback_smb_custom_pipe.yml", 2),
            // 4648 by w3wp.exe for IEUser on localhost
            entry("dotlink_sec_web_worker_explicit_credentials.yml", 1),
            // user-class shell\open\command values: mscfile (EventVwr, compmgmtlauncher), ms-settings (UACME 33, 2),
            // exefile (UACME 45), Folder (UACME 53, 2), AppX82a6... (UACME 56, 4), Launcher.SystemSettings (UACME 61)
            entry("dotlink_reg_user_shell_open_hijack.yml", 12),
            // ntuser.man created by Explorer in Desktop\Debug and twice by TransactionLog.exe in the profile root;
            // the .LOG1/.LOG2/.blf companions are not counted
            entry("dotlink_file_mandatory_profile_hive.yml", 3),
            // psexecprivesc.exe creating \PSEXESVC before the service; its ConnectPipe is not a creation
            entry("dotlink_pipe_psexesvc_squatting.yml", 1),
            // 4703 SeDebugPrivilege for mimikatz.exe on the Desktop and MalSeclogon.exe on a VirtualBox share
            entry("dotlink_sec_debug_privilege_uninstalled_program.yml", 2),
            // \\eventlog connected by System: the byt3bl33d3r remote crash sample and the remote pipe sweep
            entry("dotlink_pipe_eventlog_remote.yml", 2),
            // 4742 by ANONYMOUS LOGON setting the DC's password (VoidSec Zerologon)
            entry("dotlink_sec_anonymous_computer_password_change.yml", 1),
            // 4724 on the DC's account by Administrator (post-Zerologon restore) and on DC012$ by lgrove
            // (sAMAccountName spoofing, CVE-2021-42278)
            entry("dotlink_sec_computer_password_reset_by_user.yml", 2));

    @Test
    void builtinRulesOverTheAttackSamples() throws Exception {
        Path samples = Path.of(System.getProperty("dotlink.shared.data", "../../shared/data")).resolve("evtx-attack-samples");
        if (!Files.isDirectory(samples)) {
            System.out.println("SKIPPED: attack samples not found at " + samples.toAbsolutePath());
        }
        assumeTrue(Files.isDirectory(samples), "attack samples not found at " + samples.toAbsolutePath());

        RuleCompiler compiler = new RuleCompiler(LogsourceMapping.builtIn(), Map.of());
        Map<String, CompiledRule> rules = new LinkedHashMap<>();
        for (Map.Entry<String, SigmaRule> r : BuiltinRulesTest.detectionRules().entrySet()) {
            rules.put(r.getKey(), compiler.compile(r.getValue()));
        }
        Map<String, Integer> fired = new TreeMap<>();
        rules.keySet().forEach(name -> fired.put(name, 0));
        long events = 0;
        long webEvents = 0;
        EventSources sources = new EventSources(InputDiscovery.list(List.of(samples.toString())));
        while (sources.hasNext()) {
            EventBatch batch = sources.next().call();
            for (Event e : batch.events()) {
                events++;
                if (e.channel().equals("W3C")) {
                    webEvents++;
                }
                for (Map.Entry<String, CompiledRule> r : rules.entrySet()) {
                    if (r.getValue().matches(e)) {
                        fired.merge(r.getKey(), 1, Integer::sum);
                    }
                }
            }
        }
        System.out.println("built-in rules over " + samples + ": " + events + " events from " + sources.filesRead()
                + " files (" + webEvents + " IIS log lines)");
        fired.forEach((name, n) -> System.out.printf("  %5d  %s%n", n, name));

        assertEquals(4298, webEvents, "the Tunna IIS log is read");
        List<String> differ = new ArrayList<>();
        EXPECTED.forEach((name, n) -> {
            if (!fired.containsKey(name)) {
                differ.add(name + ": not a built-in rule");
            } else if (fired.get(name).intValue() != n) {
                differ.add(name + ": fired " + fired.get(name) + ", expected " + n);
            }
        });
        assertEquals(List.of(), differ);
        assertTrue(fired.values().stream().mapToInt(Integer::intValue).sum() > 0);
    }
}
