package org.dotlink.stream.operator;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dotlink.core.json.FindingJson;
import org.dotlink.core.json.JsonLineWriter;
import org.dotlink.stream.codec.FindingCodec;
import org.dotlink.stream.record.FindingRecord;

/**
 * Writes a finding to the findings topic: the value is the finding's {@code findings.jsonl} line (without
 * the newline; {@code story} is null, stories name their findings by key), the key is the finding's key
 * ({@code rule_id@source#record_id@offset}), so that a consumer can tell findings apart and a compacted
 * topic keeps one of each. The message timestamp is left to the producer (the time the finding is
 * written), not the event's time: brokers refuse timestamps more than an hour ahead by default
 * ({@code log.message.timestamp.after.max.ms}), so one event from a host whose clock runs ahead would
 * fail every transaction of the sink and stop the job's output; and time-based retention counts from
 * when a finding was written, also when old logs are replayed. The event's time is the line's {@code time}.
 */
public final class FindingSerializer implements KafkaRecordSerializationSchema<FindingRecord> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public FindingSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(FindingRecord f, KafkaSinkContext context, Long timestamp) {
        JsonLineWriter w = new JsonLineWriter(2048);
        FindingJson.write(w, FindingCodec.decode(f.finding));
        return new ProducerRecord<>(topic, f.key.getBytes(StandardCharsets.UTF_8), w.toByteArray());
    }
}
