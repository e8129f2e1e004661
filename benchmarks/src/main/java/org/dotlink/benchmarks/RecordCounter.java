package org.dotlink.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Counts records parsed or read in a benchmark method, reported by JMH as a rate ({@code :records}). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class RecordCounter {
    public long records;

    @Setup(Level.Iteration)
    public void clear() {
        records = 0;
    }
}
