package org.dotlink.stream.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.core.IsoTime;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.dotlink.core.json.FindingJson;
import org.dotlink.stream.codec.FindingCodec;
import org.dotlink.stream.record.FindingRecord;
import org.junit.jupiter.api.Test;

/** A finding becomes its findings.jsonl line keyed by the finding key, whatever its event's time. */
class FindingSerializerTest {

    @Test
    void aFindingOfAnEventDatedYearsAheadIsWrittenWithoutItsTimeAsTheMessageTimestamp() {
        RuleInfo rule = new RuleInfo("r-1", "A rule", Level.HIGH, List.of("T1003.001"), List.of("credential-access"),
                List.of());
        String time = "2049-10-19T03:30:46.2510000Z"; // a host whose clock runs far ahead
        Event e = Event.builder("agent-7").offset(12).add("EventID", "4688").add("Computer", "WS01")
                .add("TimeCreated_SystemTime", time).build();
        Finding f = Finding.of(Detection.of(rule, e));
        FindingRecord r = FindingRecord.of(f.key(), "ws01", IsoTime.toEpochMillis(time), FindingCodec.encode(f));

        ProducerRecord<byte[], byte[]> m = new FindingSerializer("findings").serialize(r, null, null);

        assertEquals("findings", m.topic());
        assertEquals(f.key(), new String(m.key(), StandardCharsets.UTF_8));
        String line = new String(FindingJson.lines(List.of(f)).toByteArray(), StandardCharsets.UTF_8);
        assertEquals(line.substring(0, line.length() - 1), new String(m.value(), StandardCharsets.UTF_8));
        // the broker would refuse the event's time (more than an hour ahead) and fail the sink's transaction
        assertNull(m.timestamp(), "the producer stamps the message when it is written");
    }
}
