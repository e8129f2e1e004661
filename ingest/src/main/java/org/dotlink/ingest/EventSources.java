package org.dotlink.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.evtx.EvtxReader;

/**
 * The read tasks of a list of input files, in file order. Pulling tasks does the I/O (one file open
 * at a time, read sequentially); running a task does the parsing and may happen on another thread.
 */
public final class EventSources implements Iterator<Callable<EventBatch>> {

    private final Iterator<InputFile> files;
    private InputStream open;
    private Iterator<Callable<EventBatch>> current;
    private Callable<EventBatch> next;

    public EventSources(List<InputFile> files) {
        this.files = files.iterator();
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (current != null && current.hasNext()) {
                next = current.next();
            } else {
                closeCurrent();
                if (!files.hasNext()) {
                    return false;
                }
                next = openNext(files.next());
            }
        }
        return true;
    }

    @Override
    public Callable<EventBatch> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Callable<EventBatch> n = next;
        next = null;
        return n;
    }

    /** Opens a file; returns a task reporting the failure when it cannot be opened, else null. */
    private Callable<EventBatch> openNext(InputFile file) {
        try {
            open = Files.newInputStream(file.path());
        } catch (IOException e) {
            ReadProblem p = ReadProblem.error(file.source(), "offset 0x0", "could not open: " + e.getMessage());
            return () -> EventBatch.of(p);
        }
        current = switch (file.format()) {
            case EVTX -> new EvtxReader(open, file.source());
        };
        return null;
    }

    private void closeCurrent() {
        current = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // read-only input: nothing was lost by a failed close
            }
            open = null;
        }
    }
}
