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
import org.dotlink.ingest.archive.ArchiveKind;
import org.dotlink.ingest.archive.ArchiveReader;
import org.dotlink.ingest.archive.Member;
import org.dotlink.ingest.archive.SkippedMember;
import org.dotlink.ingest.evtx.EvtxReader;
import org.dotlink.ingest.json.JsonEventReader;
import org.dotlink.ingest.w3c.W3cReader;

/**
 * The read tasks of a list of input files, in file order, archive members included. Pulling tasks
 * does the I/O (one file or member open at a time, read sequentially) and recognises each one's format
 * from its first bytes; running a task does the parsing and may happen on another thread. Files of no
 * known format are skipped and listed in {@link #skipped()}; archive entries that hold nothing to read
 * (resource forks, folders) in {@link #skippedMembers()}. {@link ReadOptions} apply to every file
 * and member read.
 */
public final class EventSources implements Iterator<Callable<EventBatch>> {

    private final Iterator<InputFile> files;
    private final ReadOptions options;
    private final List<String> skipped = new ArrayList<>();
    private final List<SkippedMember> skippedMembers = new ArrayList<>();
    private int filesRead;
    /** The file being read, when it is not an archive. */
    private InputStream openFile;
    /** The archive being read, member by member. */
    private ArchiveReader archive;
    /** The tasks of the file or archive member being read. */
    private Iterator<Callable<EventBatch>> current;
    private Callable<EventBatch> next;
    /** The file or archive member the tasks being handed out come from. */
    private String currentSource = "";

    public EventSources(Iterator<InputFile> files) {
        this(files, ReadOptions.DEFAULT);
    }

    public EventSources(List<InputFile> files) {
        this(files.iterator());
    }

    public EventSources(Iterator<InputFile> files, ReadOptions options) {
        this.files = files;
        this.options = options;
    }

    public EventSources(List<InputFile> files, ReadOptions options) {
        this(files.iterator(), options);
    }

    /** Sources (files or archive members) skipped so far because their format is not one Dotlink reads. */
    public List<String> skipped() {
        return skipped;
    }

    /** Archive entries skipped so far because they hold nothing to read, with the reason. */
    public List<SkippedMember> skippedMembers() {
        return skippedMembers;
    }

    /** Files and archive members whose format was recognised and which were read, so far. */
    public int filesRead() {
        return filesRead;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (current != null && current.hasNext()) {
                next = current.next();
            } else if (archive != null) {
                next = nextFromArchive();
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
        return guarded(n, currentSource);
    }

    /**
     * A task that cannot fail the run: a reader defect (an exception no reader should let out) costs
     * only that task's piece of input, reported as a problem naming its source.
     */
    private static Callable<EventBatch> guarded(Callable<EventBatch> task, String source) {
        return () -> {
            try {
                return task.call();
            } catch (RuntimeException | StackOverflowError e) {
                return EventBatch.of(ReadProblem.error(source, "unknown offset", "internal error while reading ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); this piece of input is lost,"
                        + " the rest is read. Please report it."));
            }
        };
    }

    /** Opens a file and picks its reader, or opens it as an archive; returns a task for a failure, else null. */
    private Callable<EventBatch> openNext(InputFile file) {
        currentSource = file.source();
        try {
            PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file.path()), InputFormat.SNIFF_BYTES);
            openFile = in;
            byte[] head = new byte[InputFormat.SNIFF_BYTES];
            int n = in.readNBytes(head, 0, head.length);
            in.unread(head, 0, n);
            if (ArchiveKind.recognise(head, n) != null) {
                closeCurrent(); // zips are read through their central directory, by path
                archive = ArchiveReader.open(file.path(), file.source());
                return null;
            }
            current = readerFor(in, file.source(), file.path().getFileName().toString(), head, n);
            return null;
        } catch (IOException e) {
            closeCurrent();
            ReadProblem p = ReadProblem.error(file.source(), "offset 0x0", "could not open: " + e.getMessage());
            return () -> EventBatch.of(p);
        }
    }

    /**
     * The next step through the open archive: the problems its last member left, then the next
     * member's reader; null when that gave no task yet, and the archive is closed when it is done.
     */
    private Callable<EventBatch> nextFromArchive() {
        List<ReadProblem> problems = archive.newProblems();
        if (!problems.isEmpty()) {
            current = null;
            return () -> new EventBatch(List.of(), problems);
        }
        if (archive.hasNext()) {
            Member member = archive.next();
            currentSource = member.source();
            try {
                PushbackInputStream in = new PushbackInputStream(member.content(), InputFormat.SNIFF_BYTES);
                byte[] head = new byte[InputFormat.SNIFF_BYTES];
                int n = in.readNBytes(head, 0, head.length);
                in.unread(head, 0, n);
                String name = member.name().substring(member.name().lastIndexOf('/') + 1);
                current = readerFor(in, member.source(), name, head, n);
            } catch (IOException e) {
                ReadProblem p = ReadProblem.error(member.source(), "offset 0x0", "could not read: " + e.getMessage());
                current = null;
                return () -> EventBatch.of(p);
            }
            return null;
        }
        List<ReadProblem> last = archive.newProblems();
        skippedMembers.addAll(archive.skipped());
        closeCurrent();
        return last.isEmpty() ? null : () -> new EventBatch(List.of(), last);
    }

    /** The reader for a stream whose first bytes are {@code head}, or null (and counted) when its format is unknown. */
    private Iterator<Callable<EventBatch>> readerFor(InputStream in, String source, String fileName, byte[] head, int n) {
        InputFormat format = InputFormat.recognise(fileName, head, n);
        if (format == null) {
            skipped.add(source);
            return null;
        }
        filesRead++;
        return switch (format) {
            case EVTX -> new EvtxReader(in, source, options.recover());
            case W3C -> new W3cReader(in, source);
            case JSON -> new JsonEventReader(in, source);
        };
    }

    private void closeCurrent() {
        current = null;
        try {
            if (openFile != null) {
                openFile.close();
            }
            if (archive != null) {
                archive.close();
            }
        } catch (IOException ignored) {
            // read-only input: nothing was lost by a failed close
        } finally {
            openFile = null;
            archive = null;
        }
    }
}
