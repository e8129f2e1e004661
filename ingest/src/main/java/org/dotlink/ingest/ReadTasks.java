package org.dotlink.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * The shape every reader has: an iterator of read tasks over one stream. Pulling a task (on one
 * thread) does the reading; running it (on any thread) does the parsing. Subclasses supply
 * {@link #advance()}.
 */
public abstract class ReadTasks implements Iterator<Callable<EventBatch>> {

    private Callable<EventBatch> next;
    private boolean finished;

    /**
     * Reads on to the next task: null when the stream holds nothing more. A subclass that knows the
     * task it returns is the last calls {@link #finish()} first.
     */
    protected abstract Callable<EventBatch> advance();

    /** No task after the one being returned: {@link #advance()} is not called again. */
    protected final void finish() {
        finished = true;
    }

    /** Runs every remaining task on the calling thread, in order; for tests and small inputs. */
    public final List<EventBatch> runAll() {
        List<EventBatch> out = new ArrayList<>();
        while (hasNext()) {
            try {
                out.add(next().call());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("a read task failed", e);
            }
        }
        return out;
    }

    @Override
    public final boolean hasNext() {
        if (next == null && !finished) {
            next = advance();
            if (next == null) {
                finished = true;
            }
        }
        return next != null;
    }

    @Override
    public final Callable<EventBatch> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Callable<EventBatch> n = next;
        next = null;
        return n;
    }
}
