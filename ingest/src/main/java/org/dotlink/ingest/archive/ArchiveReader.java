package org.dotlink.ingest.archive;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.archive.SkippedMember.Reason;

/**
 * The files inside a {@code .zip}, {@code .gz} or {@code .tar.gz}/{@code .tgz} (or plain {@code .tar}),
 * as a sequence of {@link Member}s whose content is streamed: no temporary file, no member held in
 * memory. Meant to be pulled on one thread, the one that also reads each member's content before it
 * asks for the next member.
 *
 * <ul>
 *   <li>zip: every file member. A zip on disk ({@link #open(Path, String)}) is read through its central
 *       directory, so a damaged member is reported and the next one read; a zip given as a stream (or
 *       whose central directory is unreadable) is read from its local headers, where a damaged member
 *       whose size is only in a data descriptor hides the rest of the archive (reported).</li>
 *   <li>gzip: concatenated members are one stream; when it holds a tar, the tar's files are the
 *       members ({@code a.tar.gz#b.json}); otherwise the one member is the decompressed data, named as
 *       gunzip would ({@code a.json.gz#a.json}).</li>
 *   <li>tar: every regular file.</li>
 *   <li>An archive inside an archive is read in turn, up to {@link #MAX_NESTING} levels deep; its
 *       members are named {@code outer.zip#inner.zip#c.json}.</li>
 * </ul>
 *
 * <p>Not handed out, and listed in {@link #skipped()}: directories, links and other non-files, macOS
 * metadata ({@code __MACOSX/...}, AppleDouble {@code ._name} files), archives nested too deep.
 *
 * <p>Damage is never silent: it is listed in {@link #problems()} (an ERROR when data was lost or is
 * wrong) and reading goes on with whatever the format still allows. A member whose data fails mid-way
 * ends early (as a truncated file would), with a problem naming the member and the uncompressed offset
 * reached; what was read before stays read (a member that fails before its first byte is only
 * reported, not handed out). Zip members read to their end are checked against their stored CRC-32
 * and size (the zip readers underneath check neither); gzip members against their trailer.
 */
public final class ArchiveReader implements Iterator<Member>, Closeable {

    /** How many archives deep inside the outer one members are still read. */
    public static final int MAX_NESTING = 3;

    private static final int HEAD = ArchiveKind.SNIFF_BYTES;
    private static final int BUFFER = 64 * 1024;

    private final String source;
    private final ArchiveKind kind;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final List<ReadProblem> problems = new ArrayList<>();
    private final List<SkippedMember> skipped = new ArrayList<>();
    private final int[] skippedByReason = new int[Reason.values().length];
    private Closeable resource;
    private int problemsTaken;
    private int membersRead;
    private long bytesRead;
    private Member next;
    private boolean done;

    /** One archive being read, and the member of the archive around it whose content it is. */
    private static final class Frame {
        final Container container;
        final MemberStream parent;
        MemberStream current;
        Container.Check currentCheck;
        int entries;
        boolean stopped;

        Frame(Container container, MemberStream parent) {
            this.container = container;
            this.parent = parent;
        }
    }

    private ArchiveReader(String source, ArchiveKind kind) {
        this.source = source;
        this.kind = kind;
    }

    /**
     * Opens an archive file, recognising its kind from its first bytes. A file that is no archive gives
     * no members and one problem. {@link #close()} closes the file.
     *
     * @throws IOException when the file cannot be opened or its first bytes read
     */
    public static ArchiveReader open(Path file, String source) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            byte[] head = in.readNBytes(HEAD);
            ArchiveKind kind = ArchiveKind.recognise(head, head.length);
            ArchiveReader r = new ArchiveReader(source, kind);
            if (kind == ArchiveKind.ZIP) {
                in.close();
                try {
                    ZipFile zip = ZipFile.builder().setPath(file).get();
                    r.push(new ZipFileContainer(zip, source, 0), null); // closing the container closes the file
                    return r;
                } catch (IOException | RuntimeException e) {
                    r.problem(ReadProblem.warning(source, "central directory", "the zip's central directory cannot be read ("
                            + MemberStream.describe(e) + "); reading the members from their local headers instead"));
                    in = Files.newInputStream(file);
                    r.resource = in;
                    r.push(new ZipStreamContainer(new BufferedInputStream(in, BUFFER), source, 0), null);
                    return r;
                }
            }
            r.resource = in;
            r.start(new SequenceInputStream(new ByteArrayInputStream(head), in));
            return r;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads an archive from a stream, recognising its kind from the first bytes. A zip is read from its
     * local headers (see the class comment). The stream is read sequentially and never closed.
     *
     * @throws IOException when the first bytes cannot be read
     */
    public static ArchiveReader open(InputStream in, String source) throws IOException {
        byte[] head = in.readNBytes(HEAD);
        ArchiveReader r = new ArchiveReader(source, ArchiveKind.recognise(head, head.length));
        r.start(new SequenceInputStream(new ByteArrayInputStream(head), in));
        return r;
    }

    /** Reads an archive of a known kind from a stream, which is read sequentially and never closed. */
    public static ArchiveReader open(InputStream in, String source, ArchiveKind kind) {
        ArchiveReader r = new ArchiveReader(source, kind);
        r.start(in);
        return r;
    }

    private void start(InputStream in) {
        if (kind == null) {
            problem(ReadProblem.error(source, "offset 0x0", "not a zip, gzip or tar archive: expected \"PK\\3\\4\""
                    + " or 1f 8b 08 at offset 0, or a tar header (\"ustar\" at offset 257)"));
            return;
        }
        push(newContainer(kind, kind == ArchiveKind.GZIP ? in : new BufferedInputStream(in, BUFFER), source, 0), null);
    }

    /** The kind of the outer archive, or null when the input is no archive. */
    public ArchiveKind kind() {
        return kind;
    }

    /**
     * Moves on to the next member: the current member's content can no longer be read after this call
     * (the archive's data is read once, in order).
     */
    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = advance();
            done = next == null;
        }
        return next != null;
    }

    /** The next member; as {@link #hasNext()}, ends the current one. */
    @Override
    public Member next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Member m = next;
        next = null;
        return m;
    }

    /** Everything found wrong so far, in the order found. */
    public List<ReadProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The problems found since the previous call (all of them on the first call). */
    public List<ReadProblem> newProblems() {
        List<ReadProblem> p = List.copyOf(problems.subList(problemsTaken, problems.size()));
        problemsTaken = problems.size();
        return p;
    }

    /** Entries not handed out on purpose, so far. */
    public List<SkippedMember> skipped() {
        return Collections.unmodifiableList(skipped);
    }

    public int skippedCount(Reason reason) {
        return skippedByReason[reason.ordinal()];
    }

    /** Members handed out so far. */
    public int membersRead() {
        return membersRead;
    }

    /** Bytes of member content read by the caller so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Ends reading: the current member can no longer be read; closes the file if {@link #open(Path, String)} opened it. */
    @Override
    public void close() throws IOException {
        done = true;
        next = null;
        Frame top = stack.peek();
        if (top != null && top.current != null) {
            top.current.invalidate();
            verify(top.current, top.currentCheck);
            top.current = null;
        }
        while (!stack.isEmpty()) {
            closeQuietly(stack.pop().container);
        }
        if (resource != null) {
            resource.close();
            resource = null;
        }
    }

    void problem(ReadProblem p) {
        problems.add(p);
    }

    void delivered(int n) {
        bytesRead += n;
    }

    private void push(Container c, MemberStream parent) {
        stack.push(new Frame(c, parent));
    }

    private Container newContainer(ArchiveKind k, InputStream in, String src, int depth) {
        return switch (k) {
            case ZIP -> new ZipStreamContainer(in, src, depth);
            case TAR -> new TarContainer(in, src, depth);
            case GZIP -> {
                // Findings of the gzip layer name the one member when there is one, else the archive.
                String[] findingsSource = {src};
                GzipStream gz = new GzipStream(in, (error, location, message) -> problem(error
                        ? ReadProblem.error(findingsSource[0], location, message)
                        : ReadProblem.warning(findingsSource[0], location, message)));
                Peeked data = Peeked.of(gz, HEAD);
                if (ArchiveKind.recognise(data.head, data.headLength) == ArchiveKind.TAR) {
                    yield new TarContainer(data, src, depth);
                }
                SingleContainer single = new SingleContainer(data, src, depth);
                findingsSource[0] = src + "#" + single.name();
                yield single;
            }
        };
    }

    private Member advance() {
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            MemberStream previous = f.current;
            if (previous != null) {
                previous.invalidate();
                if (previous.failed() && !f.container.continuesAfterDamagedEntry()) {
                    f.stopped = true;
                    problem(ReadProblem.error(f.container.source, f.container.location(), "reading stops: after "
                            + "damaged data the next member cannot be found; any members after "
                            + previous.source().substring(f.container.source.length() + 1) + " are lost"));
                }
            }
            Container.Entry e = null;
            Exception failure = null;
            if (!f.stopped) {
                try {
                    e = f.container.next();
                } catch (IOException | RuntimeException x) {
                    failure = x;
                }
            }
            if (previous != null) {
                verify(previous, f.currentCheck); // a data descriptor is read only once the next entry is looked for
                f.current = null;
                f.currentCheck = null;
            }
            if (failure != null) {
                f.stopped = true;
                problem(ReadProblem.error(f.container.source, f.container.location(),
                        (previous != null && previous.failed()
                                ? "the next member cannot be found after the damaged one ("
                                : "the archive's structure is damaged (")
                                + MemberStream.describe(failure) + "); the rest of the archive is lost"));
            }
            if (f.stopped || e == null) {
                pop();
                continue;
            }
            f.entries++;
            Member m = accept(f, e);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** The member for an entry, or null when it is skipped, unreadable or an archive to go into. */
    private Member accept(Frame f, Container.Entry e) {
        String src = f.container.source + "#" + e.name();
        if (e.type() == Container.Type.DIRECTORY) {
            skip(src, Reason.DIRECTORY);
            return null;
        }
        if (e.type() == Container.Type.OTHER) {
            skip(src, Reason.NOT_A_REGULAR_FILE);
            return null;
        }
        if (isMacMetadataPath(e.name())) {
            skip(src, Reason.RESOURCE_FORK);
            return null;
        }
        if (e.data() == null) {
            problem(ReadProblem.error(src, "member " + f.entries, "member not read: " + e.unreadable()));
            return null;
        }
        MemberStream content = new MemberStream(e.data(), src, this, e.check() != null);
        f.current = content;
        f.currentCheck = e.check();
        byte[] head = content.peek(HEAD);
        int n = content.headLength();
        if (n == 0 && content.failed()) {
            return null; // nothing readable at all: reported, and no empty file for the caller to puzzle over
        }
        ArchiveKind nested = ArchiveKind.recognise(head, n);
        if (nested != null) {
            if (f.container.depth + 1 > MAX_NESTING) {
                skip(src, Reason.NESTED_TOO_DEEP);
            } else {
                push(newContainer(nested, content, src, f.container.depth + 1), content);
            }
            return null;
        }
        if (isAppleDouble(e.name(), head, n)) {
            skip(src, Reason.RESOURCE_FORK);
            return null;
        }
        content.handOut();
        membersRead++;
        return new Member(src, e.name(), e.size(), content);
    }

    private void pop() {
        Frame f = stack.pop();
        if (f.current != null) {
            f.current.invalidate();
        }
        closeQuietly(f.container);
        if (f.parent != null) {
            // The rest of an inner archive (a zip's central directory, tar padding) is read so that the
            // outer member is read whole and can be checked.
            f.parent.drain();
        }
    }

    private void verify(MemberStream m, Container.Check check) {
        if (check == null || !m.complete()) {
            return;
        }
        long size = check.size();
        long crc = check.crc();
        String at = "uncompressed offset " + Container.hex(m.offset());
        if (size >= 0 && size != m.offset()) {
            problem(ReadProblem.error(m.source(), at, "member is damaged: the archive gives its size as " + size
                    + " bytes, its data decompressed to " + m.offset() + "; its content is wrong"));
        } else if (crc >= 0 && crc != m.crc()) {
            problem(ReadProblem.error(m.source(), at, "member is damaged: CRC-32 mismatch (stored 0x"
                    + Long.toHexString(crc) + ", computed 0x" + Long.toHexString(m.crc())
                    + "); its bytes were read, some of them wrong"));
        }
    }

    private void skip(String src, Reason reason) {
        skipped.add(new SkippedMember(src, reason));
        skippedByReason[reason.ordinal()]++;
    }

    /** Anything inside a {@code __MACOSX} folder (macOS's Archive Utility puts resource forks there). */
    static boolean isMacMetadataPath(String name) {
        String n = name.replace('\\', '/');
        return n.startsWith("__MACOSX/") || n.contains("/__MACOSX/");
    }

    /** A {@code ._name} file that starts with the AppleDouble magic 00 05 16 07. */
    static boolean isAppleDouble(String name, byte[] head, int n) {
        String n2 = name.replace('\\', '/');
        String base = n2.substring(n2.lastIndexOf('/') + 1);
        return base.startsWith("._") && n >= 4 && head[0] == 0 && head[1] == 5 && head[2] == 0x16 && head[3] == 7;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // read-only: nothing is lost by a failed close
        }
    }

    /**
     * A stream whose first bytes were read ahead; a failure met while reading them ahead is raised
     * when the reader gets there, after the bytes before it.
     */
    private static final class Peeked extends InputStream {
        final byte[] head;
        final int headLength;
        private final InputStream rest;
        private final Exception deferred;
        private int pos;

        private Peeked(byte[] head, int headLength, Exception deferred, InputStream rest) {
            this.head = head;
            this.headLength = headLength;
            this.deferred = deferred;
            this.rest = rest;
        }

        static Peeked of(InputStream in, int n) {
            byte[] head = new byte[n];
            int len = 0;
            Exception failure = null;
            while (len < n) {
                int r;
                try {
                    r = in.read(head, len, n - len);
                } catch (IOException | RuntimeException e) {
                    failure = e;
                    break;
                }
                if (r < 0) {
                    break;
                }
                len += r;
            }
            return new Peeked(head, len, failure, in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos < headLength) {
                int n = Math.min(len, headLength - pos);
                System.arraycopy(head, pos, b, off, n);
                pos += n;
                return n;
            }
            if (deferred instanceof IOException io) {
                throw io;
            }
            if (deferred != null) {
                throw (RuntimeException) deferred;
            }
            return rest.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return headLength - pos + (deferred != null ? 0 : rest.available());
        }

        @Override
        public void close() {}
    }
}
