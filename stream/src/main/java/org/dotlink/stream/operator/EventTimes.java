package org.dotlink.stream.operator;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.dotlink.stream.record.EventRecord;

/**
 * The job's event time. Events carry their own time ({@code TimeCreated_SystemTime}); the watermark of
 * each Kafka partition trails the newest time seen on it by the allowed lateness, and a partition quiet
 * for the idleness timeout stops holding it back. The rules stream carries no time: it never holds back
 * the watermark of the operators it is connected to.
 */
public final class EventTimes {

    private EventTimes() {}

    /** For the events topic. Events without a readable time do not move the watermark. */
    public static WatermarkStrategy<EventRecord> events(Duration lateness, Duration idleness) {
        return WatermarkStrategy.<EventRecord>forBoundedOutOfOrderness(lateness)
                .withTimestampAssigner((r, kafkaTime) -> r.time)
                .withIdleness(idleness);
    }

    /** For the rules topic: the highest watermark at once, so that only the events decide event time. */
    public static WatermarkStrategy<String> rules() {
        return WatermarkStrategy.<String>forGenerator(ctx -> new AlwaysDone())
                .withTimestampAssigner((yaml, kafkaTime) -> kafkaTime);
    }

    private static final class AlwaysDone implements WatermarkGenerator<String> {
        @Override
        public void onEvent(String event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
