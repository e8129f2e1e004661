package org.dotlink.ingest.evtx;

import static org.dotlink.ingest.evtx.LittleEndian.i32;
import static org.dotlink.ingest.evtx.LittleEndian.i64;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.zip.CRC32;
import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.dotlink.ingest.evtx.BinXmlNode.TemplateInstance;
import org.dotlink.ingest.evtx.RecoveredRecords.Carved;

/**
 * Carves event records from the part of a chunk its header does not account for: the free space
 * after the allocated records (where records of a cleared or rolled-over log often survive), a chunk
 * whose header is damaged, and chunk slots past the file header's count.
 *
 * <p>A frame is taken when, at an 8-byte boundary (Windows aligns records to 8 bytes), it has the
 * record signature {@code 2a 2a 00 00}, a size that fits before the chunk end and is repeated in the
 * frame's last 4 bytes, a plausible record number (1 to 2^48) and written time (years 1990 to 2099,
 * or 0, which Windows leaves in some records), a BinXML fragment header, and a fragment that reads up
 * to its end (template instance, value descriptors and values, as {@link BinXmlReader} reads them
 * while carving; a record copied to another offset, whose inline definition and names are where its
 * offsets say it was written, reads too). A taken frame is skipped whole, so that bytes inside its
 * values are never read as frames; after a frame that is not taken, the scan goes on 8 bytes
 * further, so that a real record inside a damaged one is still found.
 *
 * <p>A carved record is rendered with the chunk's templates, looked for by template id when the
 * definition it points to is gone. What a lost template part would have named is given as values
 * (see {@link EventRenderer}); a record whose template does not fit its values is given as its values
 * alone. When the record's System section is lost, {@code EventRecordID}, {@code TimeCreated_SystemTime}
 * and {@code EventID} are taken from the values when they are laid out as Windows lays out its System
 * values (value 3 the event id, 6 the creation time, 10 the record id), else the record number and the
 * written time (when set) from the record header stand in for {@code EventRecordID} and
 * {@code TimeCreated_SystemTime}. Every carved event is marked {@link Event#recovered() recovered}.
 */
final class SlackCarver {

    static final int RECORD_SIGNATURE = 0x00002a2a;
    private static final int RECORD_HEADER_SIZE = 24;
    /** Header, fragment header, end-of-fragment token, trailing size. */
    private static final int MIN_FRAME = RECORD_HEADER_SIZE + 4 + 1 + 4;
    private static final long MAX_RECORD_NUMBER = 1L << 48;
    /** FILETIME of 1990-01-01T00:00:00Z and of 2100-01-01T00:00:00Z. */
    private static final long EARLIEST = 122_756_256_000_000_000L;
    private static final long LATEST = 157_469_184_000_000_000L;
    /** A template that is gone as a whole: every value is rendered on its own. */
    private static final BinXmlNode[] LOST = {new BinXmlNode.LostValues(new BitSet())};

    private final BinXmlReader reader;
    private final EventRenderer renderer;
    private final ValueRenderer values;
    private final CRC32 crc = new CRC32();

    SlackCarver(BinXmlReader reader, EventRenderer renderer, ValueRenderer values) {
        this.reader = reader;
        this.renderer = renderer;
        this.values = values;
    }

    /**
     * Carves the records of {@code chunk} from chunk offset {@code from} to its end into
     * {@code into}. The reader and renderer must already be on this chunk (their caches hold what the
     * allocated records defined).
     */
    void carve(byte[] chunk, int from, String source, long fileOffset, RecoveredRecords into) {
        List<Carved> found = new ArrayList<>();
        Event.Builder builder = Event.builder(source);
        int frames = 0;
        int unreadable = 0;
        reader.carving(true);
        try {
            int p = (Math.max(0, from) + 7) & ~7;
            while (p <= EvtxChunk.SIZE - MIN_FRAME) {
                int size = i32(chunk, p) == RECORD_SIGNATURE ? frameSize(chunk, p) : 0;
                if (size == 0) {
                    p += 8;
                    continue;
                }
                frames++;
                Carved c = plausible(chunk, p) ? read(chunk, p, size, fileOffset, builder) : null;
                if (c == null) {
                    unreadable++;
                    p += 8;
                } else {
                    found.add(c);
                    p += size;
                }
            }
        } finally {
            reader.carving(false);
        }
        into.carved(found, frames, unreadable);
    }

    /** The size of the frame at {@code p} when both its size fields agree and it fits in the chunk, else 0. */
    static int frameSize(byte[] chunk, int p) {
        int size = i32(chunk, p + 4);
        if (size < MIN_FRAME || size > EvtxChunk.SIZE - p || i32(chunk, p + size - 4) != size) {
            return 0;
        }
        return size;
    }

    /** Record number and written time in range, and a BinXML fragment header after the record header. */
    private static boolean plausible(byte[] chunk, int p) {
        long number = i64(chunk, p + 8);
        long written = i64(chunk, p + 16);
        int body = p + RECORD_HEADER_SIZE;
        return number > 0 && number < MAX_RECORD_NUMBER && (written == 0 || written >= EARLIEST && written < LATEST)
                && chunk[body] == 0x0f && chunk[body + 1] == 0x01 && chunk[body + 2] == 0x01 && chunk[body + 3] == 0x00;
    }

    /** The record in the frame at {@code p}, or null when its fragment does not read. */
    private Carved read(byte[] chunk, int p, int size, long fileOffset, Event.Builder builder) {
        BinXmlNode[] fragment;
        try {
            fragment = reader.readFragment(p + RECORD_HEADER_SIZE, p + size - 4);
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
        if (fragment.length == 0) {
            return null;
        }
        SubstitutionValues outer = fragment[0] instanceof TemplateInstance t ? t.values() : SubstitutionValues.NONE;
        boolean partial;
        try {
            renderer.render(fragment, builder);
            partial = renderer.lostParts() > 0;
        } catch (RuntimeException | StackOverflowError e) {
            builder.build(); // discard what the failed rendering added
            if (outer.count() == 0) {
                return null;
            }
            try { // the template does not fit the values (overwritten): give the values alone
                renderer.render(new BinXmlNode[] {new TemplateInstance(LOST, outer)}, builder);
                partial = true;
            } catch (RuntimeException | StackOverflowError again) {
                builder.build();
                return null;
            }
        }
        partial |= complete(chunk, p, outer, builder);
        Event event = builder.offset(fileOffset + p).recovered(true).build();
        return new Carved(event, RecoveredRecords.fingerprint(crc, chunk, p, size), partial);
    }

    /**
     * Adds the record id, time and event id when rendering did not give them (the System section was
     * lost); true when something was added.
     */
    private boolean complete(byte[] chunk, int p, SubstitutionValues outer, Event.Builder out) {
        boolean system = isSystemLayout(outer);
        boolean added = false;
        if (!out.has(FieldNames.EVENT_RECORD_ID)) {
            out.addInterned(FieldNames.EVENT_RECORD_ID,
                    system ? value(chunk, outer, 10) : Long.toUnsignedString(i64(chunk, p + 8)));
            added = true;
        }
        long written = i64(chunk, p + 16);
        if (!out.has(FieldNames.TIME_CREATED) && (system || written != 0)) {
            out.addInterned(FieldNames.TIME_CREATED, system ? value(chunk, outer, 6) : ValueRenderer.filetime(written));
            added = true;
        }
        if (!out.has(FieldNames.EVENT_ID) && system) {
            out.addInterned(FieldNames.EVENT_ID, value(chunk, outer, 3));
            added = true;
        }
        return added;
    }

    /**
     * True when the values have the types of Windows' System values: level and opcode UInt8, task and
     * event id UInt16, keywords HexInt64, creation time FILETIME, process and thread id UInt32, record
     * id UInt64, at indices 0 to 10.
     */
    static boolean isSystemLayout(SubstitutionValues v) {
        if (v.count() < 11) {
            return false;
        }
        int[] t = v.types();
        int[] s = v.sizes();
        return t[0] == ValueType.UINT8 && t[1] == ValueType.UINT8 && t[2] == ValueType.UINT16
                && t[3] == ValueType.UINT16 && s[3] == 2 && t[5] == ValueType.HEX_INT64
                && t[6] == ValueType.FILETIME && s[6] == 8 && t[8] == ValueType.UINT32 && t[9] == ValueType.UINT32
                && t[10] == ValueType.UINT64 && s[10] == 8;
    }

    private String value(byte[] chunk, SubstitutionValues v, int i) {
        return values.renderScalar(chunk, v.offsets()[i], v.sizes()[i], v.types()[i]);
    }
}
