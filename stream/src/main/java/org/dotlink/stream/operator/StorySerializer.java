package org.dotlink.stream.operator;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dotlink.stream.record.StoryRecord;

/** Writes a story to the stories topic: the key is its id, the value its JSON (a {@code stories.json} entry). */
public final class StorySerializer implements KafkaRecordSerializationSchema<StoryRecord> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public StorySerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(StoryRecord s, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, s.id.getBytes(StandardCharsets.UTF_8), s.json.getBytes(StandardCharsets.UTF_8));
    }
}
