package org.dotlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RulesCommandTest {

    @TempDir
    Path tmp;

    @Test
    void checkListsEachFailingRuleWithItsFileAndReason() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("good.yml"), """
                title: Mimikatz command line
                id: 11111111-1111-1111-1111-111111111111
                logsource: {category: process_creation, product: windows}
                detection:
                    selection: {CommandLine|contains: 'sekurlsa::'}
                    condition: selection
                """);
        Files.writeString(rules.resolve("unknown-modifier.yml"), """
                title: Typo in a modifier
                id: 22222222-2222-2222-2222-222222222222
                logsource: {product: linux, service: auditd}
                detection:
                    selection: {exe|endswiht: '/nc'}
                    condition: selection
                """);
        Files.writeString(rules.resolve("unmapped.yml"), """
                title: Linux rule
                id: 33333333-3333-3333-3333-333333333333
                logsource: {product: linux, category: process_creation}
                detection:
                    selection: {Image|endswith: '/nc'}
                    condition: selection
                """);
        Files.writeString(rules.resolve("broken.yml"), "title: x\ndetection:\n  sel: [unclosed\n");

        CommandLine cli = Dotlink.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("rules", "check", rules.toString());

        assertEquals(1, exit, err.toString());
        assertTrue(err.toString().contains("unknown-modifier.yml:1: rule 'Typo in a modifier'"), err.toString());
        assertTrue(err.toString().contains("Unknown Sigma modifier 'endswiht'"), err.toString());
        assertTrue(err.toString().contains("broken.yml:"), err.toString());
        assertTrue(err.toString().contains("not valid YAML"), err.toString());
        assertTrue(out.toString().contains("2 rules and 0 correlations loaded, 2 failed; 0 loaded rules have a logsource with no mapping"
                + " and are matched on their field conditions alone; 1 are for other products' logs (linux 1) and are"
                + " not run"), out.toString());
    }

    /** The two SigmaHQ rules whose placeholder has no values load once a placeholders file gives them. */
    @Test
    void placeholdersFileLetsExpandRulesLoad() throws Exception {
        Path cve = SharedData.dir().resolve("sigma/rules-emerging-threats/2026/Exploits/CVE-2026-54121");
        CommandLine cli = Dotlink.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertEquals(1, cli.execute("rules", "check", cve.toString()));
        assertTrue(err.toString().contains("Placeholder '%known_cdcs%' has no values"), err.toString());

        Path values = tmp.resolve("placeholders.yml");
        Files.writeString(values, "known_cdcs: [CDC01, CDC02]\n");
        StringWriter out2 = new StringWriter();
        StringWriter err2 = new StringWriter();
        cli = Dotlink.commandLine();
        cli.setOut(new PrintWriter(out2));
        cli.setErr(new PrintWriter(err2));
        assertEquals(0, cli.execute("rules", "check", cve.toString(), "--placeholders", values.toString(), "--list"),
                err2.toString());
        assertTrue(out2.toString().contains(" 0 failed"), out2.toString());
        assertTrue(out2.toString().contains("loaded\t"), out2.toString());
    }
}
