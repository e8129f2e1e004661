package org.dotlink.stream.operator;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dotlink.core.Event;
import org.dotlink.core.IsoTime;
import org.dotlink.ingest.json.JsonEventReader;
import org.dotlink.stream.codec.EventCodec;
import org.dotlink.stream.record.EventRecord;

/**
 * Reads each message of the events topic as one JSON event of any shape the JSON reader knows
 * ({@link JsonEventReader#parseRecord}). The event's source is the message key (producers name the log
 * or agent there), else {@code topic/partition}; its offset is the message offset. A message that is not
 * a JSON event becomes a record saying why, so that it is reported downstream rather than lost.
 */
public final class EventDeserializer implements KafkaRecordDeserializationSchema<EventRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<EventRecord> out) {
        byte[] key = message.key();
        String source = key != null && key.length > 0 ? new String(key, StandardCharsets.UTF_8)
                : message.topic() + "/" + message.partition();
        if (message.value() == null) {
            out.collect(EventRecord.problem(source, message.offset(), "a message without a value"));
            return;
        }
        Event e;
        try {
            e = JsonEventReader.parseRecord(message.value(), source, message.offset());
        } catch (RuntimeException ex) {
            out.collect(EventRecord.problem(source, message.offset(), ex.getMessage()));
            return;
        }
        out.collect(EventRecord.of(source, message.offset(), IsoTime.toEpochMillis(e.time()), EventCodec.encode(e)));
    }

    @Override
    public TypeInformation<EventRecord> getProducedType() {
        return TypeInformation.of(EventRecord.class);
    }
}
