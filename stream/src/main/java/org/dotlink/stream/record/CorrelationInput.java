package org.dotlink.stream.record;

/**
 * A detection of a rule that correlations reference (encoded by
 * {@link org.dotlink.stream.codec.FindingCodec#encodeDetection}), addressed to one correlation partition
 * ({@link org.dotlink.sigma.correlation.CorrelationPartitions}).
 */
public class CorrelationInput {

    /** The partition key: what the correlation stage is keyed by. */
    public String partition;
    /** The detection's event time, epoch milliseconds. */
    public long time;
    public byte[] detection;

    public CorrelationInput() {}

    public static CorrelationInput of(String partition, long time, byte[] detection) {
        CorrelationInput c = new CorrelationInput();
        c.partition = partition;
        c.time = time;
        c.detection = detection;
        return c;
    }
}
