package org.dotlink.intel.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dotlink.core.Event;
import org.dotlink.intel.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicatorListTest {

    @TempDir
    Path tmp;

    @Test
    void writtenListMatchesSysmonHashes() throws Exception {
        Path file = Files.writeString(tmp.resolve("hash-iocs.txt"), """
                # comment
                d41d8cd98f00b204e9800998ecf8427e;Empty file
                0123456789ABCDEF0123456789abcdef01234567,Written SHA-1

                not-a-hash;ignored
                """);
        IndicatorList list = IndicatorList.load(file, null);
        assertEquals(2, list.size());
        assertEquals(1, list.skippedLines());
        Event e = Event.builder("sysmon.evtx")
                .add("Hashes", "SHA1=0123456789ABCDEF0123456789ABCDEF01234567,MD5=D41D8CD98F00B204E9800998ECF8427E,"
                        + "IMPHASH=00000000000000000000000000000000")
                .build();
        List<IndicatorHit> hits = list.match(e);
        assertEquals(List.of("0123456789abcdef0123456789abcdef01234567", "d41d8cd98f00b204e9800998ecf8427e"),
                hits.stream().map(IndicatorHit::hash).toList());
        assertEquals("Written SHA-1", hits.get(0).comment());
        assertEquals("Hashes", hits.get(0).field());
    }

    @Test
    void signatureBaseHashListNamesGroupsAndSoftware() {
        Path file = SharedData.dir().resolve("iocs/iocs/hash-iocs.txt");
        IndicatorList list = IndicatorList.load(file, SharedData.knowledgeBase());
        // 3,224 hash lines, 3,053 distinct hashes, every line readable
        assertEquals(3_053, list.size());
        assertEquals(0, list.skippedLines());
        Event e = Event.builder("sysmon.evtx")
                .add("Hashes", "SHA256=9AE7C4A4E1CFE9B505C3A47E66551EB1357AFFEE65BFEFB0109D02F4E97C06DD")
                .build();
        List<IndicatorHit> hits = list.match(e);
        assertEquals(1, hits.size());
        assertTrue(hits.get(0).comment().startsWith("GALLIUM APT IOC"));
        assertEquals(List.of("G0093"), hits.get(0).groups());
    }
}
