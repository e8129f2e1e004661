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
            entry("dotlink_sys_psexec_service.yml", 0));

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
