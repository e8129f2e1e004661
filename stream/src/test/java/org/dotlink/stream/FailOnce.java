package org.dotlink.stream;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.dotlink.stream.record.EventRecord;

/**
 * A fault for the recovery test: passes events on, slowly enough for checkpoints to complete, and throws
 * once, at the first event after {@code after} events (over all subtasks) and a completed checkpoint.
 * Its flags are static: the MiniCluster runs in the test's JVM, and a restarted job must not fail again.
 */
final class FailOnce implements MapFunction<EventRecord, EventRecord>, CheckpointListener, CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    static final AtomicInteger SEEN = new AtomicInteger();
    static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicBoolean RESTORED = new AtomicBoolean();
    static final AtomicInteger SEEN_AT_FAILURE = new AtomicInteger();

    private final int after;

    FailOnce(int after) {
        this.after = after;
    }

    static void reset() {
        SEEN.set(0);
        CHECKPOINTED.set(false);
        FAILED.set(false);
        RESTORED.set(false);
        SEEN_AT_FAILURE.set(0);
    }

    @Override
    public EventRecord map(EventRecord r) throws Exception {
        int n = SEEN.incrementAndGet();
        if (!FAILED.get()) {
            Thread.sleep(2); // give checkpoints time to complete before the input ends
            if (n >= after && CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
                SEEN_AT_FAILURE.set(n);
                throw new IllegalStateException("injected fault after " + n + " events");
            }
        }
        return r;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        CHECKPOINTED.set(true);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}

    @Override
    public void initializeState(FunctionInitializationContext context) {
        if (context.isRestored()) {
            RESTORED.set(true);
        }
    }
}
