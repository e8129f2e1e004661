package org.dotlink.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job jar's arguments, the checks on settings, and the rule bundle the job carries. */
class StreamConfigTest {

    @TempDir
    Path tmp;

    @Test
    void argumentsAreRead() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("a.yml"), "title: a\n");
        StreamConfig c = StreamConfig.fromArgs(new String[] {"--bootstrap-servers", "k1:9092,k2:9092",
                "--events-topic", "ev", "--findings-topic", "fi", "--stories-topic", "st", "--rules-topic", "ru",
                "--rules", rules.toString(), "--no-builtin-rules", "--parallelism", "4", "--checkpoint-interval", "5000",
                "--checkpoint-dir", "file:///tmp/cp", "--lateness", "90s", "--idleness", "PT2M", "--story-window", "1d",
                "--group-id", "g", "--transactional-id-prefix", "tx", "--until-end"});
        assertEquals("k1:9092,k2:9092", c.bootstrapServers());
        assertEquals(List.of("ev", "fi", "st", "ru", "g", "tx"), List.of(c.eventsTopic(), c.findingsTopic(),
                c.storiesTopic(), c.rulesTopic(), c.groupId(), c.transactionalIdPrefix()));
        assertEquals(4, c.parallelism());
        assertEquals(5000, c.checkpointIntervalMs());
        assertEquals("file:///tmp/cp", c.checkpointDir());
        assertEquals(Duration.ofSeconds(90), c.lateness());
        assertEquals(Duration.ofMinutes(2), c.idleness());
        assertEquals(Duration.ofDays(1), c.storyWindow());
        assertTrue(c.untilEnd());
        assertFalse(c.rules().builtin());
        assertEquals(1, c.rules().files());
    }

    @Test
    void defaults() {
        StreamConfig c = StreamConfig.fromArgs(new String[] {"--bootstrap-servers", "k:9092"});
        assertEquals("dotlink-events", c.eventsTopic());
        assertNull(c.rulesTopic());
        assertEquals("dotlink-dotlink-findings", c.transactionalIdPrefix());
        assertTrue(c.rules().builtin());
        assertEquals(Duration.ofHours(1), c.storyWindow());
    }

    @Test
    void badArgumentsAreRefusedWithAReason() {
        assertMessage("--bootstrap-servers is required", "--events-topic", "x");
        assertMessage("'k' is not host:port", "--bootstrap-servers", "k");
        assertMessage("--parallelism: 'two' is not a whole number", "--bootstrap-servers", "k:1", "--parallelism", "two");
        assertMessage("--lateness: '5 minutes' is not a duration", "--bootstrap-servers", "k:1", "--lateness", "5 minutes");
        assertMessage("--story-window must be at least 1s", "--bootstrap-servers", "k:1", "--story-window", "10ms");
        assertMessage("unknown option --nope", "--bootstrap-servers", "k:1", "--nope", "x");
        assertMessage("--rules needs a value", "--bootstrap-servers", "k:1", "--rules");
        assertMessage("no such rule file or folder", "--bootstrap-servers", "k:1", "--rules", tmp.resolve("x").toString());
    }

    @Test
    void aBundleIsIdentifiedByItsContent() throws Exception {
        Path a = Files.writeString(tmp.resolve("a.yml"), "title: a\n");
        RuleBundle one = RuleBundle.read(List.of(a), true);
        assertEquals(one.digest(), RuleBundle.read(List.of(a), true).digest());
        assertNotEquals(one.digest(), RuleBundle.read(List.of(a), false).digest());
        Files.writeString(a, "title: b\n");
        assertNotEquals(one.digest(), RuleBundle.read(List.of(a), true).digest());
        assertEquals(RuleBundle.TOPIC_SOURCE, one.replacedBy("title: c\n").load().get(1).problems().get(0).file());
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamConfig.fromArgs(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
