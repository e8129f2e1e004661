package org.dotlink.stream.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.EventRef;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.dotlink.core.Story;
import org.dotlink.core.json.FindingJson;
import org.dotlink.sigma.correlation.GroupKey;
import org.dotlink.sigma.correlation.GroupWindow;
import org.dotlink.sigma.correlation.WindowEntry;
import org.dotlink.story.EventFacts;
import org.junit.jupiter.api.Test;

/** Every codec gives back an equal value; bytes that are not an encoded value are refused, not misread. */
class CodecsTest {

    private static final RuleInfo RULE = new RuleInfo("r-1", "A rule", Level.HIGH, List.of("T1003.001"),
            List.of("credential-access"), List.of("S0002"));

    private static Event event() {
        return Event.builder("logs/a.zip#b.json").offset(42).recovered(true).add("EventID", "4688")
                .add("Computer", "DC01.corp.local").add("TimeCreated_SystemTime", "2020-10-19T03:30:46.2510000Z")
                .add("Data", "one").add("CommandLine", "cmd /c \"whoami\" \u00e9\u4e2d\ud83d\ude00").add("Data", "two")
                .add("Empty", "").build();
    }

    @Test
    void eventsRoundTripFieldForField() {
        Event e = event();
        Event back = EventCodec.decode(EventCodec.encode(e));
        assertEquals(e.toMap(), back.toMap());
        assertEquals(e.source(), back.source());
        assertEquals(e.offset(), back.offset());
        assertEquals(e.recovered(), back.recovered());
        assertArrayEquals(new String[] {"one", "two"}, (String[]) back.raw("Data"));
    }

    @Test
    void findingsRoundTripToTheSameJsonLine() {
        Finding single = new Finding(Detection.of(RULE, event()), Level.CRITICAL, "domain-controller", null);
        Finding correlation = Finding.of(Detection.correlation(RULE, List.of(
                new EventRef("a", 1, "2020-10-19T03:30:46Z"), new EventRef("b", -1, "2020-10-19T03:31:00Z")),
                Map.of("Computer", "DC01"), "DC01"));
        for (Finding f : List.of(single, correlation)) {
            Finding back = FindingCodec.decode(FindingCodec.encode(f));
            assertArrayEquals(FindingJson.lines(List.of(f)).toByteArray(), FindingJson.lines(List.of(back)).toByteArray());
            assertEquals(f.key(), back.key());
            assertEquals(f.rule(), back.rule());
        }
        Detection d = correlation.detection();
        assertEquals(d.events(), FindingCodec.decodeDetection(FindingCodec.encodeDetection(d)).events());
    }

    @Test
    void factsRoundTrip() {
        EventFacts f = new EventFacts("dc01", 1_600_000_000_000L, "dc01|{g}", null, "cmd.exe", "services.exe", true,
                "dc01|0x3e7", "corp\\eve", null, "dc01|c:\\x.exe", "AB12", "10.0.0.5", null, null, "10.0.0.1",
                "psexesvc.exe", "dc01|pid:4", "updater", "dc01|c:\\y.exe", "dc01|{h}", "scrcons.exe");
        assertEquals(f, FactsCodec.decode(FactsCodec.encode(f)));
    }

    @Test
    void groupKeysAndWindowsRoundTrip() {
        GroupKey key = new GroupKey("corr:1", List.of("", "a:b", "12:x", "\u0000"));
        assertEquals(key, GroupWindowCodec.parseKey(GroupWindowCodec.keyText(key)));
        assertEquals(new GroupKey("c", List.of()), GroupWindowCodec.parseKey(GroupWindowCodec.keyText(
                new GroupKey("c", List.of()))));
        GroupWindow w = new GroupWindow();
        w.quietUntil = 1234;
        w.entries.add(new WindowEntry(5, "rule:x", null, "DC01", List.of(new EventRef("s", 7, "t"))));
        w.entries.add(new WindowEntry(6, "rule:y", "42", "", List.of()));
        GroupWindow back = GroupWindowCodec.decode(GroupWindowCodec.encode(w));
        assertEquals(w.quietUntil, back.quietUntil);
        assertEquals(w.entries, back.entries);
    }

    @Test
    void hostStoriesRoundTrip() {
        byte[] finding = FindingCodec.encode(Finding.of(Detection.of(RULE, event())));
        Story.Link link = new Story.Link("k1", "k2", "process-tree", "cmd.exe on dc01", "both ran ...");
        EventFacts facts = new EventFacts("dc01", 1, null, null, null, null, false, null, "corp\\eve", null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        HostStoriesCodec.Content c = HostStoriesCodec.decode(HostStoriesCodec.encode(List.of(finding), List.of(link),
                List.of(new HostStoriesCodec.PlacedFacts("src", 9, facts))));
        assertArrayEquals(finding, c.findings().get(0));
        assertEquals(List.of(link), c.links());
        assertEquals(List.of(new HostStoriesCodec.PlacedFacts("src", 9, facts)), c.facts());
    }

    @Test
    void bytesThatAreNotAnEncodedValueAreRefused() {
        byte[] e = EventCodec.encode(event());
        byte[] truncated = java.util.Arrays.copyOf(e, e.length / 2);
        assertThrows(IllegalArgumentException.class, () -> EventCodec.decode(truncated));
        assertThrows(IllegalArgumentException.class, () -> FindingCodec.decode(new byte[] {0, 0, 0, 5, 'a'}));
        assertThrows(IllegalArgumentException.class, () -> GroupWindowCodec.decode(new byte[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> GroupWindowCodec.parseKey("5:ab"));
    }
}
