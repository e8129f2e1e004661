package org.dotlink.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.evtx.EvtxReader;
import org.dotlink.ingest.w3c.W3cReader;

/**
 * The read tasks of a list of input files, in file order. Pulling tasks does the I/O (one file open
 * at a time, read sequentially) and recognises each file's format from its first bytes; running a
 * task does the parsing and may happen on another thread. Files of no known format are skipped and
 * listed in {@link #skipped()}.
 */
public final class EventSources implements Iterator<Callable<EventBatch>> {

    private final Iterator<InputFile> files;
    private final List<String> skipped = new ArrayList<>();
    private int filesRead;
    private InputStream open;
    private Iterator<Callable<EventBatch>> current;
    private Callable<EventBatch> next;

    public EventSources(Iterator<InputFile> files) {
        this.files = files;
    }

    public EventSources(List<InputFile> files) {
        this(files.iterator());
    }

    /** Files whose format was recognised and which were opened for reading, so far. */
    public int filesRead() {
        return filesRead;
    }

    /** Sources skipped so far because their format is not one Dotlink reads. */
    public List<String> skipped() {
        return skipped;
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

    /** Opens a file and picks its reader; returns a task reporting a failure to open, else null. */
    private Callable<EventBatch> openNext(InputFile file) {
        try {
            PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file.path()), InputFormat.SNIFF_BYTES);
            open = in;
            byte[] head = new byte[InputFormat.SNIFF_BYTES];
            int n = in.readNBytes(head, 0, head.length);
            in.unread(head, 0, n);
            InputFormat format = InputFormat.recognise(file.path().getFileName().toString(), head, n);
            if (format == null) {
                skipped.add(file.source());
                return null;
            }
            filesRead++;
            current = switch (format) {
                case EVTX -> new EvtxReader(in, file.source());
                case W3C -> new W3cReader(in, file.source());
            };
            return null;
        } catch (IOException e) {
            ReadProblem p = ReadProblem.error(file.source(), "offset 0x0", "could not open: " + e.getMessage());
            return () -> EventBatch.of(p);
        }
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
