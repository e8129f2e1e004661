package org.dotlink.intel.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.dotlink.intel.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingsProfileTest {

    @TempDir
    Path tmp;

    @Test
    void findingsTakenTogetherWithToolsFromTheirEvents() throws Exception {
        Path findings = Files.writeString(tmp.resolve("findings.jsonl"), """
                {"time":"2019-04-27T15:57:25Z","techniques":["T1505.003"],"tactics":["persistence"],"software":["S0020"],"fields":{"Image":"C:\\\\w3wp.exe"}}
                {"time":"2019-04-27T15:58:25Z","techniques":["T1003.001"],"tactics":[],"software":[],"fields":{"Image":"C:\\\\Temp\\\\x.exe","OriginalFileName":"mimikatz.exe"}}
                {broken
                {"time":"2019-04-27T15:59:25Z","techniques":["T1570","T1003.001"],"software":[],"fields":{"Image":"C:\\\\Tools\\\\PsExec64.exe"}}
                """);
        FindingsProfile f = FindingsProfile.read(findings, SoftwareRecognizer.of(SharedData.knowledgeBase()));
        assertEquals(3, f.findings());
        assertEquals(Set.of("T1003.001", "T1505.003", "T1570"), f.profile().techniques());
        assertEquals(Set.of("S0002", "S0020", "S0029"), f.profile().software());
        assertEquals(1, f.problems().size());
        assertEquals(true, f.problems().get(0).startsWith(findings + ":3: not a JSON object"), f.problems().toString());
        assertEquals(List.of(), FindingsProfile.read(findings, null).profile().software().stream()
                .filter(s -> !s.equals("S0020")).toList());
    }
}
