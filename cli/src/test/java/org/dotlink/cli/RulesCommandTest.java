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
        assertTrue(out.toString().contains("2 rules loaded, 2 failed; 1 loaded rules have a logsource with no mapping"),
                out.toString());
    }
}
