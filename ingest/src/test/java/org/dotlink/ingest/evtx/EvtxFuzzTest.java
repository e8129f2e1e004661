package org.dotlink.ingest.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.dotlink.core.Event;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;
import org.opentest4j.AssertionFailedError;

/**
 * Property-based robustness tests of the EVTX reader over real files (DESIGN.md, "Reliability": every
 * chunk a mutation did not touch still gives exactly its original records).
 *
 * <p>A dozen multi-chunk files from the shared data folder are read into memory once and parsed once
 * as they are (the baseline). Each generated case mutates one of them in memory (byte flips anywhere,
 * aimed at chunk headers, string tables, template definitions and record headers as well as uniformly;
 * truncation; overwritten or copied windows; broken chunk signatures; header flips) or makes a file
 * that is not EVTX at all, reads it with {@link EvtxReader#readAll} under a time bound, and checks:
 * <ul>
 *   <li>no exception escapes, and the case ends within {@link #CASE_TIMEOUT};</li>
 *   <li>every problem names the file and says where: a chunk number and a file offset inside that
 *       chunk, or, for problems of the file as a whole (header, end of file), a file offset alone in a
 *       batch of its own, first or last;</li>
 *   <li>every chunk the mutation did not touch gives exactly its baseline records (same fields, same
 *       order, same offsets) and no problem it did not have before;</li>
 *   <li>a touched chunk whose records changed either reports a problem or still parses into records
 *       that look like a valid parse (flips inside string values legitimately change values);</li>
 *   <li>records that a truncation removed are never lost without a problem (a missing chunk is best
 *       reported as "chunk N at offset" of where it should start, or at the end of the file: a problem
 *       in an untouched chunk counts as a false report there).</li>
 * </ul>
 *
 * <p>With carving on ({@link EvtxReader#readAll(java.io.InputStream, String, boolean)}, records
 * recovered from slack), the same mutations and foreign files must give exactly the records and
 * problems they give without it, plus recovered records only: marked recovered, inside the file past
 * its header, all in the file's last batch; nothing escapes and time stays bounded.
 *
 * <p>Besides the generated cases, a few {@code @Example}s replay, deterministically, the mutations
 * that broke the reader when these tests were written (see their comments): template definitions
 * that refer to themselves, BinXML values nested or substituted more than once, truncation at a
 * chunk boundary, header flips, pointers out of the chunk.
 *
 * <p>Each case runs on a fresh thread ({@code assertTimeoutPreemptively}), so the reader's per-thread
 * parser starts clean and a failing case reproduces on its own; {@link #parserStateDoesNotLeakBetweenFiles}
 * reads a mutated file and then an intact one on the same thread, as a pooled worker would.
 *
 * <p>Skipped, with a message, when the shared data folder (system property {@code dotlink.shared.data})
 * is absent.
 */
@AddLifecycleHook(EvtxFuzzTest.RequiresSharedData.class)
class EvtxFuzzTest {

    static final int FILE_HEADER = 4096;
    static final int CHUNK = 65536;
    static final int CHUNK_HEADER = 512;
    static final int SAMPLE_COUNT = 12;
    static final Duration CASE_TIMEOUT = Duration.ofSeconds(2);

    // ------------------------------------------------------------------------------------------------
    // Properties
    // ------------------------------------------------------------------------------------------------

    /** 1..16 bytes xor-ed anywhere in the chunks, half of them aimed at structures. */
    @Property(tries = 3500, shrinking = ShrinkingMode.BOUNDED)
    void byteFlipsInChunks(@ForAll("chunkFlips") Case c) {
        checkMutant(c);
    }

    /**
     * 1..8 bytes xor-ed inside the 4096-byte file header. The header is not a chunk: every chunk must
     * still give its records, and the header may only produce warnings.
     */
    @Property(tries = 600, shrinking = ShrinkingMode.BOUNDED)
    void fileHeaderFlipsOnlyWarn(@ForAll("headerFlips") Case c) {
        Outcome o = checkMutant(c);
        for (ReadProblem p : o.problems()) {
            assertEquals(ReadProblem.Severity.WARNING, p.severity(),
                    () -> "a flip in the file header may only produce warnings, got: " + p);
        }
    }

    /** The file cut at any offset: in the header, at and around chunk and record boundaries, anywhere. */
    @Property(tries = 2000, shrinking = ShrinkingMode.BOUNDED)
    void truncation(@ForAll("truncations") Case c) {
        checkMutant(c);
    }

    /** One used chunk's signature broken: that chunk is skipped with an error, every other is intact. */
    @Property(tries = 600, shrinking = ShrinkingMode.BOUNDED)
    void brokenChunkSignature(@ForAll("brokenSignatures") Case c) {
        Outcome o = checkMutant(c);
        int slot = ((BrokenSignature) c.mutation()).chunk();
        assertTrue(o.records(slot).isEmpty(), () -> "chunk " + slot + " has a broken signature but gave records");
        assertTrue(o.problems(slot).stream().anyMatch(ReadProblem::isError),
                () -> "chunk " + slot + " has a broken signature but no error names it; problems: " + o.problems());
    }

    /** A window overwritten with random bytes, with bytes copied from elsewhere in the file, or record bodies randomised. */
    @Property(tries = 1800, shrinking = ShrinkingMode.BOUNDED)
    void overwrittenWindows(@ForAll("overwrites") Case c) {
        checkMutant(c);
    }

    /** Files named .evtx that are not EVTX: random bytes, random bytes behind the signatures, garbage chunks. */
    @Property(tries = 1200, shrinking = ShrinkingMode.BOUNDED)
    void nonEvtxFiles(@ForAll("garbage") Garbage g) {
        byte[] bytes = g.bytes();
        Outcome o = analyse(g.name(), read(g.name(), bytes), bytes.length);
        if (g.kind() == GarbageKind.RANDOM || g.kind() == GarbageKind.FILE_SIGNATURE_THEN_RANDOM) {
            assertTrue(o.events().isEmpty(), () -> "events read from random bytes: " + o.events().size());
            assertTrue(o.problems().stream().anyMatch(ReadProblem::isError),
                    () -> "random bytes read without an error; problems: " + o.problems());
        }
        if (g.kind() == GarbageKind.RANDOM && !EvtxReader.isEvtx(bytes, bytes.length)) {
            assertEquals(1, o.problems().size(), () -> "one problem for a file that is not EVTX: " + o.problems());
        }
        if (g.kind() == GarbageKind.RANDOM_CHUNKS || g.kind() == GarbageKind.REAL_CHUNK_HEADERS_RANDOM_RECORDS) {
            assertFalse(o.problems().isEmpty(), "garbage chunks read without a problem");
        }
    }

    /** Any of the mutations above, read with carving on: see {@link #checkCarving}. */
    @Property(tries = 1500, shrinking = ShrinkingMode.BOUNDED)
    void carvingAddsOnlyRecoveredRecords(@ForAll("carvingCases") Case c) {
        checkCarving(c.sample().name(), c.mutation().apply(c.sample().bytes()));
    }

    /** Files that are not EVTX, or chunks of garbage behind real headers, read with carving on. */
    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void carvingGarbage(@ForAll("garbage") Garbage g) {
        checkCarving(g.name(), g.bytes());
    }

    /**
     * A BinXML bomb (a value substituted twice per level, 26 levels) in slack: chunk 1's free space
     * offset moved back to the first record, so that the bomb and everything after it is carved.
     */
    @Example
    void binXmlBombInSlackEndsInTime() {
        Sample s = busiestSample();
        byte[] bombed = new BinXmlBomb(1, 2, 26).apply(s.bytes());
        LittleEndianView.w32(bombed, chunkStart(1) + 48, CHUNK_HEADER);
        checkCarving(s.name(), bombed);
    }

    /** The zero-length file: one error that says so, no events, no exception. */
    @Example
    void zeroLengthFile() {
        String name = "empty.evtx";
        Outcome o = analyse(name, read(name, new byte[0]), 0);
        assertTrue(o.events().isEmpty());
        assertEquals(1, o.problems().size(), () -> "problems: " + o.problems());
        assertTrue(o.problems().get(0).isError(), () -> "problems: " + o.problems());
    }

    /**
     * A mutated file, then an intact one, on the same thread (as a pooled worker reads them): the
     * intact file must give exactly its baseline, whatever the mutated one left behind in the
     * reader's per-thread state.
     */
    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void parserStateDoesNotLeakBetweenFiles(@ForAll("leakCases") Case c, @ForAll("sampleIndexes") int next) {
        Sample intact = corpus().get(next);
        byte[] mutated = c.mutation().apply(c.sample().bytes());
        Object[] results = runBounded(c.sample().name() + " then " + intact.name(), () -> new Object[] {
                EvtxReader.readAll(new ByteArrayInputStream(mutated), c.sample().name()),
                EvtxReader.readAll(new ByteArrayInputStream(intact.bytes()), intact.name())});
        @SuppressWarnings("unchecked")
        List<EventBatch> second = (List<EventBatch>) results[1];
        Outcome o = analyse(intact.name(), second, intact.bytes().length);
        for (int slot = 0; slot < intact.slots(); slot++) {
            assertSameRecords(intact, slot, o, "after reading " + c + " on the same thread");
            assertSameProblems(intact, slot, o, "after reading " + c + " on the same thread");
        }
        assertEquals(intact.fileProblems(), o.fileProblems());
    }

    /**
     * Template definitions whose body is replaced by a reference to another definition of the chunk,
     * or to itself: cycles must end in a problem for the records that use them, and nothing else.
     */
    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void templateReferenceRewrites(@ForAll("templateRewrites") Case c) {
        checkMutant(c);
    }

    // ------------------------------------------------------------------------------------------------
    // Reproductions of bugs found by the properties above and by reading the reader's source; each is
    // a mutation of a real file, checked with the same rules as the generated cases
    // ------------------------------------------------------------------------------------------------

    /**
     * A template definition that refers to itself fails every record that uses it with "nested deeper
     * than 64 levels"; the reader must not carry that depth over to the records of other chunks.
     */
    @Example
    void selfReferencingTemplateLeavesOtherChunksIntact() {
        Sample s = busiestSample();
        int def = firstTemplateOffset(s, 0);
        checkMutant(new Case(s, new TemplateReference(0, def, def)));
    }

    /**
     * A BinXML value substituted twice per level, 26 levels deep: 657 bytes of BinXML that expand to
     * 2^26 renderings. Must end in time (each level more doubles the time; four per level, 30 levels,
     * is years).
     */
    @Example
    void binXmlValueUsedTwicePerLevelEndsInTime() {
        checkMutant(new Case(busiestSample(), new BinXmlBomb(1, 2, 26)));
    }

    /** 1500 BinXML values nested in one another (one 33 KB record): a problem, not a StackOverflowError. */
    @Example
    void deeplyNestedBinXmlValuesGiveAProblem() {
        checkMutant(new Case(busiestSample(), new BinXmlBomb(1, 1, 1500)));
    }

    /** A file cut exactly at a chunk boundary: the chunks the header counts but the file lacks are reported. */
    @Example
    void truncationAtAChunkBoundaryIsReported() {
        Sample s = busiestSample();
        checkMutant(new Case(s, new Truncate(chunkStart(s.usedChunks() / 2))));
    }

    /** One flipped bit in the file signature: the chunks behind the header are intact and must still be read. */
    @Example
    void fileSignatureFlipKeepsEveryChunk() {
        checkMutant(new Case(busiestSample(), new Flips(List.of(new Flip(0, 0x01)))));
    }

    /** The header's chunk count raised by a flip: the empty slots it now counts may give warnings, not errors. */
    @Example
    void chunkCountFlipOnlyWarns() {
        Sample s = corpus().stream().filter(x -> x.usedChunks() < x.slots()).findFirst().orElseThrow();
        Outcome o = checkMutant(new Case(s, new Flips(List.of(new Flip(42, 0x40)))));
        for (ReadProblem p : o.problems()) {
            assertEquals(ReadProblem.Severity.WARNING, p.severity(),
                    () -> "a flip in the file header may only produce warnings, got: " + p);
        }
    }

    /** A record whose template definition offset is garbage: the problem is located in the record's chunk. */
    @Example
    void badTemplateOffsetIsLocatedInItsChunk() {
        Sample s = busiestSample();
        int field = chunkStart(0) + CHUNK_HEADER + 24 + 4 + 6 + 3; // high byte of the first record's definition offset
        checkMutant(new Case(s, new Flips(List.of(new Flip(field, 0x40)))));
    }

    // ------------------------------------------------------------------------------------------------
    // Generators
    // ------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Integer> sampleIndexes() {
        return Arbitraries.integers().between(0, corpus().size() - 1);
    }

    private Arbitrary<Sample> samples() {
        return sampleIndexes().map(i -> corpus().get(i));
    }

    @Provide
    Arbitrary<Case> chunkFlips() {
        return samples().flatMap(s -> chunkFlip(s).list().ofMinSize(1).ofMaxSize(16)
                .map(flips -> new Case(s, new Flips(flips))));
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Flip> chunkFlip(Sample s) {
        Arbitrary<Integer> uniform = Arbitraries.integers().between(FILE_HEADER, s.usedEnd() - 1);
        Arbitrary<Integer> aimed = Arbitraries.of(s.regions()).flatMap(
                r -> Arbitraries.integers().between(r.start(), r.end() - 1));
        Arbitrary<Integer> offset = Arbitraries.frequencyOf(Tuple.of(1, uniform), Tuple.of(1, aimed));
        return Combinators.combine(offset, xorMask()).as(Flip::new);
    }

    private static Arbitrary<Integer> xorMask() {
        Arbitrary<Integer> oneBit = Arbitraries.integers().between(0, 7).map(b -> 1 << b);
        Arbitrary<Integer> anyByte = Arbitraries.integers().between(1, 255);
        return Arbitraries.oneOf(oneBit, anyByte);
    }

    @Provide
    Arbitrary<Case> headerFlips() {
        Arbitrary<Integer> fields = Arbitraries.of(0, 8, 16, 24, 32, 36, 38, 40, 42, 120, 124)
                .flatMap(f -> Arbitraries.integers().between(f, f + 7));
        Arbitrary<Integer> offset = Arbitraries.oneOf(fields, Arbitraries.integers().between(0, FILE_HEADER - 1));
        Arbitrary<Flip> flip = Combinators.combine(offset, xorMask()).as(Flip::new);
        return samples().flatMap(s -> flip.list().ofMinSize(1).ofMaxSize(8).map(f -> new Case(s, new Flips(f))));
    }

    @Provide
    @SuppressWarnings("unchecked")
    Arbitrary<Case> truncations() {
        return samples().flatMap(s -> {
            Arbitrary<Integer> anywhere = Arbitraries.integers().between(0, Math.min(s.bytes().length, s.usedEnd() + CHUNK));
            Arbitrary<Integer> inHeader = Arbitraries.integers().between(0, FILE_HEADER);
            Arbitrary<Integer> chunkBoundary = Combinators.combine(
                    Arbitraries.integers().between(0, s.usedChunks()), Arbitraries.integers().between(-40, 40))
                    .as((k, d) -> FILE_HEADER + k * CHUNK + d);
            Arbitrary<Integer> recordBoundary = Combinators.combine(
                    Arbitraries.of(s.recordOffsets()), Arbitraries.integers().between(-8, 32))
                    .as((r, d) -> (int) (r + d));
            Arbitrary<Integer> length = Arbitraries.frequencyOf(Tuple.of(4, anywhere), Tuple.of(1, inHeader),
                    Tuple.of(3, chunkBoundary), Tuple.of(3, recordBoundary));
            return length.map(n -> new Case(s, new Truncate(Math.max(0, Math.min(n, s.bytes().length - 1)))));
        });
    }

    @Provide
    Arbitrary<Case> brokenSignatures() {
        return samples().flatMap(s -> {
            Arbitrary<Integer> chunk = Arbitraries.integers().between(0, s.usedChunks() - 1);
            Arbitrary<Integer> index = Arbitraries.integers().between(-1, 7); // -1: all eight bytes zeroed
            return Combinators.combine(chunk, index, xorMask()).as((k, i, x) -> new Case(s, new BrokenSignature(k, i, x)));
        });
    }

    @Provide
    @SuppressWarnings("unchecked")
    Arbitrary<Case> overwrites() {
        return samples().flatMap(s -> {
            Arbitrary<Integer> uniform = Arbitraries.integers().between(FILE_HEADER, s.usedEnd() - 1);
            Arbitrary<Integer> aimed = Arbitraries.of(s.regions()).flatMap(
                    r -> Arbitraries.integers().between(r.start(), r.end() - 1));
            Arbitrary<Integer> at = Arbitraries.oneOf(uniform, aimed);
            Arbitrary<Integer> length = Arbitraries.integers().between(1, 4096);
            Arbitrary<Long> seed = Arbitraries.longs();
            Arbitrary<Mutation> random = Combinators.combine(at, length, seed).as(RandomWindow::new);
            Arbitrary<Mutation> copy = Combinators.combine(uniform, at, length).as(CopyWindow::new);
            Arbitrary<Mutation> bodies = Combinators.combine(
                    Arbitraries.integers().between(0, s.usedChunks() - 1), seed).as(RandomRecordBodies::new);
            return Arbitraries.frequencyOf(Tuple.of(3, random), Tuple.of(3, copy), Tuple.of(1, bodies))
                    .map(m -> new Case(s, m));
        });
    }

    @Provide
    Arbitrary<Case> templateRewrites() {
        return samples().flatMap(s -> {
            Arbitrary<Integer> chunk = Arbitraries.integers().between(0, s.usedChunks() - 1);
            Arbitrary<Mutation> one = chunk.flatMap(k -> {
                List<Integer> defs = s.templates().get(k);
                return Combinators.combine(Arbitraries.of(defs), Arbitraries.of(defs))
                        .as((from, to) -> (Mutation) new TemplateReference(k, from, to));
            });
            return one.list().ofMinSize(1).ofMaxSize(2).map(ms -> new Case(s, ms.size() == 1 ? ms.get(0) : new Both(ms.get(0), ms.get(1))));
        });
    }

    @Provide
    Arbitrary<Case> carvingCases() {
        return Arbitraries.oneOf(chunkFlips(), headerFlips(), truncations(), brokenSignatures(), overwrites(),
                templateRewrites());
    }

    @Provide
    Arbitrary<Case> leakCases() {
        return Arbitraries.oneOf(chunkFlips(), overwrites(), templateRewrites());
    }

    @Provide
    Arbitrary<Garbage> garbage() {
        Arbitrary<GarbageKind> kind = Arbitraries.of(GarbageKind.class);
        return Combinators.combine(kind, Arbitraries.integers().between(0, 4 * CHUNK), sampleIndexes(), Arbitraries.longs())
                .as(Garbage::new);
    }

    // ------------------------------------------------------------------------------------------------
    // Checking one case
    // ------------------------------------------------------------------------------------------------

    /** Reads the mutated file and checks every property that holds for any mutation of a real file. */
    static Outcome checkMutant(Case c) {
        Sample s = c.sample();
        Mutation m = c.mutation();
        byte[] bytes = m.apply(s.bytes());
        Outcome o = analyse(s.name(), read(s.name(), bytes), bytes.length);
        boolean[] touched = new boolean[s.slots()];
        boolean headerTouched = false;
        for (int[] r : m.changedRanges(s)) {
            headerTouched |= r[0] < FILE_HEADER;
            for (int slot = 0; slot < s.slots(); slot++) {
                int start = chunkStart(slot);
                if (r[0] < start + CHUNK && r[1] > start) {
                    touched[slot] = true;
                }
            }
        }
        int kept = bytes.length;
        int lost = 0;
        for (int k = 0; k < s.slots(); k++) {
            int slot = k;
            int start = chunkStart(slot);
            List<Rec> actual = o.records(slot);
            if (start >= kept) { // removed by a truncation; a problem may name it as missing
                assertTrue(actual.isEmpty(), () -> "chunk " + slot + " lies past the end of the file but gave records: " + o);
                lost += s.records().get(slot).size();
                continue;
            }
            boolean cut = start + CHUNK > kept;
            if (!touched[slot] && !cut) {
                if (s.used()[slot] || !headerTouched) { // the header's chunk count decides about unused slots
                    assertSameRecords(s, slot, o, "untouched by " + m);
                    assertSameProblems(s, slot, o, "untouched by " + m);
                }
                continue;
            }
            if (cut) {
                for (Rec r : s.records().get(slot)) {
                    long end = r.offset() + LittleEndianView.i32(s.bytes(), (int) r.offset() + 4);
                    if (end > kept && !actual.contains(r)) {
                        lost++;
                    }
                }
            }
            if (!actual.equals(s.records().get(slot)) && o.problems(slot).isEmpty() && o.fileProblems().isEmpty()) {
                assertValidParse(slot, actual, m);
            }
        }
        if (lost > 0) {
            int n = lost;
            assertFalse(o.problems().isEmpty(),
                    () -> n + " records past the cut were lost without any problem reported (" + m + ")");
        }
        return o;
    }

    /**
     * Reads {@code bytes} with and without carving (each bounded in time, nothing may escape) and
     * checks that carving changes nothing but adding recovered records: the same records (fields and
     * offsets) and the same problems, in the same order, and the recovered records all in the last
     * batch, each inside the file and past its header, in file order.
     */
    static void checkCarving(String name, byte[] bytes) {
        List<EventBatch> plain = read(name, bytes);
        List<EventBatch> carved = runBounded(name + " with carving",
                () -> EvtxReader.readAll(new ByteArrayInputStream(bytes), name, true));
        List<String> plainRecords = new ArrayList<>();
        List<String> plainProblems = new ArrayList<>();
        for (EventBatch b : plain) {
            b.events().forEach(e -> plainRecords.add(e.offset() + " " + Rec.of(e)));
            b.problems().forEach(p -> plainProblems.add(p.toString()));
        }
        List<String> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Event> recovered = new ArrayList<>();
        for (int i = 0; i < carved.size(); i++) {
            EventBatch b = carved.get(i);
            for (Event e : b.events()) {
                if (e.recovered()) {
                    int batch = i;
                    assertEquals(carved.size() - 1, batch, () -> "recovered record outside the last batch: " + e);
                    recovered.add(e);
                } else {
                    records.add(e.offset() + " " + Rec.of(e));
                }
            }
            b.problems().forEach(p -> problems.add(p.toString()));
        }
        assertEquals(plainRecords, records, () -> name + ": carving changed the allocated records");
        assertEquals(plainProblems, problems, () -> name + ": carving changed the problems");
        long previous = -1;
        for (Event e : recovered) {
            assertEquals(name, e.source());
            assertTrue(e.offset() >= FILE_HEADER && e.offset() < bytes.length, () -> "recovered record outside the file: " + e);
            assertTrue(e.offset() > previous, () -> "recovered records out of file order: " + e);
            assertFalse(e.fieldCount() == 0, () -> "recovered record without fields: " + e);
            previous = e.offset();
        }
    }

    /** Records of a touched chunk that changed without a problem must still look like a parse. */
    private static void assertValidParse(int slot, List<Rec> actual, Mutation m) {
        long previous = -1;
        for (Rec r : actual) {
            assertTrue(r.offset() > previous, () -> "chunk " + slot + ": records out of order after " + m);
            assertFalse(r.fields().isEmpty(), () -> "chunk " + slot + ": record without fields after " + m);
            previous = r.offset();
        }
    }

    private static void assertSameRecords(Sample s, int slot, Outcome o, String why) {
        List<Rec> expected = s.records().get(slot);
        List<Rec> actual = o.records(slot);
        if (expected.equals(actual)) {
            return;
        }
        int i = 0;
        while (i < expected.size() && i < actual.size() && expected.get(i).equals(actual.get(i))) {
            i++;
        }
        String first = "expected " + (i < expected.size() ? expected.get(i) : "no more records") + "\n   got "
                + (i < actual.size() ? actual.get(i) : "no more records");
        throw new AssertionFailedError(s.name() + ": chunk " + slot + " (" + why + ") gave " + actual.size()
                + " records instead of its " + expected.size() + "; first difference at record " + i + ":\n   "
                + first + "\nproblems: " + o.problems());
    }

    private static void assertSameProblems(Sample s, int slot, Outcome o, String why) {
        List<String> expected = s.problems().get(slot).stream().map(ReadProblem::toString).toList();
        List<String> actual = o.problems(slot).stream().map(ReadProblem::toString).toList();
        assertEquals(expected, actual, () -> s.name() + ": chunk " + slot + " (" + why + ") reports problems it did not have");
    }

    // ------------------------------------------------------------------------------------------------
    // Reading under a time bound, and checking what came back
    // ------------------------------------------------------------------------------------------------

    /** {@code readAll} on a fresh thread, bounded by {@link #CASE_TIMEOUT}; any throwable is a failure. */
    static List<EventBatch> read(String name, byte[] bytes) {
        return runBounded(name, () -> EvtxReader.readAll(new ByteArrayInputStream(bytes), name));
    }

    interface Task<T> {
        T run() throws Exception;
    }

    static <T> T runBounded(String what, Task<T> task) {
        Object result = assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            try {
                return task.run();
            } catch (Throwable t) { // StackOverflowError and friends included: nothing may escape
                return new Escaped(t);
            }
        }, () -> "reading " + what + " did not finish within " + CASE_TIMEOUT.toMillis() + " ms");
        if (result instanceof Escaped e) {
            throw new AssertionFailedError("exception escaped EvtxReader.readAll on " + what + ": " + e.thrown(), e.thrown());
        }
        @SuppressWarnings("unchecked")
        T t = (T) result;
        return t;
    }

    record Escaped(Throwable thrown) {}

    private static final Pattern CHUNK_LOCATION = Pattern.compile("chunk (\\d+) at offset 0x([0-9a-f]+)");
    private static final Pattern FILE_LOCATION = Pattern.compile("(?:file header at )?offset 0x([0-9a-f]+)");

    /**
     * Checks that every problem and event names the file and says where it is, that each batch holds one
     * chunk, in file order, and sorts records and problems by chunk.
     */
    static Outcome analyse(String name, List<EventBatch> batches, int fileLength) {
        Map<Integer, List<Rec>> records = new TreeMap<>();
        Map<Integer, List<ReadProblem>> problems = new TreeMap<>();
        List<ReadProblem> fileProblems = new ArrayList<>();
        List<ReadProblem> all = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        int lastSlot = -1;
        for (int b = 0; b < batches.size(); b++) {
            EventBatch batch = batches.get(b);
            int batchSlot = -1;
            for (ReadProblem p : batch.problems()) {
                all.add(p);
                assertEquals(name, p.source(), () -> "problem without the file name: " + p);
                assertFalse(p.message().isBlank(), () -> "problem without a message: " + p);
                Matcher chunk = CHUNK_LOCATION.matcher(p.location());
                Matcher file = FILE_LOCATION.matcher(p.location());
                if (chunk.matches()) {
                    int slot = Integer.parseInt(chunk.group(1));
                    long offset = Long.parseUnsignedLong(chunk.group(2), 16);
                    assertTrue(offset >= chunkStart(slot) && offset < chunkStart(slot) + (long) CHUNK,
                            () -> "problem located outside the chunk it names (chunk " + slot + " spans 0x"
                                    + Long.toHexString(chunkStart(slot)) + "..0x" + Long.toHexString(chunkStart(slot) + (long) CHUNK)
                                    + "): " + p);
                    assertTrue(batchSlot == -1 || batchSlot == slot, () -> "one batch with problems of two chunks: " + batch.problems());
                    batchSlot = slot;
                    problems.computeIfAbsent(slot, k -> new ArrayList<>()).add(p);
                } else if (file.matches()) { // the file header, or the end of the file
                    long offset = Long.parseUnsignedLong(file.group(1), 16);
                    assertTrue(offset <= Math.max(FILE_HEADER, fileLength), () -> "file-level problem located past the file: " + p);
                    int at = b;
                    assertTrue((at == 0 || at == batches.size() - 1) && batch.events().isEmpty(),
                            () -> "file-level problem in a batch of records, or neither first nor last: " + p);
                    fileProblems.add(p);
                } else {
                    fail("problem location is neither \"chunk N at offset 0xO\" nor \"offset 0xO\": " + p);
                }
            }
            for (Event e : batch.events()) {
                events.add(e);
                assertEquals(name, e.source(), () -> "event without the file name: " + e);
                long off = e.offset();
                assertTrue(off >= FILE_HEADER && off < fileLength, () -> "event offset outside the file: " + e);
                int slot = (int) ((off - FILE_HEADER) / CHUNK);
                assertTrue((off - FILE_HEADER) % CHUNK >= CHUNK_HEADER, () -> "event offset inside a chunk header: " + e);
                assertTrue(batchSlot == -1 || batchSlot == slot,
                        () -> "one batch with records or problems of two chunks (" + slot + "): " + e);
                batchSlot = slot;
                records.computeIfAbsent(slot, k -> new ArrayList<>()).add(Rec.of(e));
            }
            if (batchSlot != -1) {
                int s = batchSlot;
                int last = lastSlot;
                assertTrue(s > last, () -> "chunk " + s + " reported after chunk " + last);
                lastSlot = batchSlot;
            }
        }
        return new Outcome(records, problems, fileProblems, all, events);
    }

    record Outcome(Map<Integer, List<Rec>> bySlot, Map<Integer, List<ReadProblem>> problemsBySlot,
                   List<ReadProblem> fileProblems, List<ReadProblem> problems, List<Event> events) {
        List<Rec> records(int slot) {
            return bySlot.getOrDefault(slot, List.of());
        }

        List<ReadProblem> problems(int slot) {
            return problemsBySlot.getOrDefault(slot, List.of());
        }

        @Override
        public String toString() {
            return events.size() + " events, problems " + problems;
        }
    }

    /** A record as compared: its offset and its fields in order. */
    record Rec(long offset, boolean recovered, List<Object> fields) {
        static Rec of(Event e) {
            List<Object> f = new ArrayList<>(2 * e.fieldCount());
            for (Map.Entry<String, Object> x : e.toMap().entrySet()) {
                f.add(x.getKey());
                f.add(x.getValue());
            }
            return new Rec(e.offset(), e.recovered(), f);
        }

        @Override
        public String toString() {
            String s = fields.toString();
            return "record at 0x" + Long.toHexString(offset) + " " + (s.length() > 600 ? s.substring(0, 600) + "..." : s);
        }
    }

    static int chunkStart(int slot) {
        return FILE_HEADER + slot * CHUNK;
    }

    // ------------------------------------------------------------------------------------------------
    // Mutations
    // ------------------------------------------------------------------------------------------------

    /** One sample file and one mutation of it; its text is the reproduction. */
    record Case(Sample sample, Mutation mutation) {
        @Override
        public String toString() {
            return sample.name() + " with " + mutation;
        }
    }

    interface Mutation {
        byte[] apply(byte[] original);

        /** The byte ranges [from, to) of the original file whose content this mutation may change. */
        List<int[]> changedRanges(Sample s);
    }

    record Flip(int offset, int xor) {
        @Override
        public String toString() {
            return "0x" + Integer.toHexString(offset) + "^=0x" + Integer.toHexString(xor);
        }
    }

    /** Bytes xor-ed in place. */
    record Flips(List<Flip> flips) implements Mutation {
        @Override
        public byte[] apply(byte[] original) {
            byte[] b = original.clone();
            for (Flip f : flips) {
                b[f.offset()] ^= (byte) f.xor();
            }
            return b;
        }

        @Override
        public List<int[]> changedRanges(Sample s) {
            return flips.stream().map(f -> new int[] {f.offset(), f.offset() + 1}).toList();
        }

        @Override
        public String toString() {
            return "byte flips " + flips;
        }
    }

    /** The file cut after {@code length} bytes. */
    record Truncate(int length) implements Mutation {
        @Override
        public byte[] apply(byte[] original) {
            return Arrays.copyOf(original, length);
        }

        @Override
        public List<int[]> changedRanges(Sample s) {
            return List.of(new int[] {length, s.bytes().length});
        }

        @Override
        public String toString() {
            return "truncation to " + length + " bytes (0x" + Integer.toHexString(length) + ")";
        }
    }

    /** One signature byte of a used chunk xor-ed, or all eight zeroed ({@code index} -1). */
    record BrokenSignature(int chunk, int index, int xor) implements Mutation {
        @Override
        public byte[] apply(byte[] original) {
            byte[] b = original.clone();
            int start = chunkStart(chunk);
            if (index < 0) {
                Arrays.fill(b, start, start + 8, (byte) 0);
            } else {
                b[start + index] ^= (byte) xor;
            }
            return b;
        }

        @Override
        public List<int[]> changedRanges(Sample s) {
            return List.of(new int[] {chunkStart(chunk), chunkStart(chunk) + 8});
        }

        @Override
        public String toString() {
            return "chunk " + chunk + " signature broken: " + (index < 0 ? "8 bytes at 0x" + Integer.toHexString(chunkStart(chunk))
                    + " zeroed" : "0x" + Integer.toHexString(chunkStart(chunk) + index) + "^=0x" + Integer.toHexString(xor));
        }
    }

    /** {@code length} bytes at {@code at} replaced by bytes from {@code new Random(seed)}. */
    record RandomWindow(int at, int length, long seed) implements Mutation {
        @Override
        public byte[] apply(byte[] original) {
            byte[] b = original.clone();
            byte[] r = new byte[end(original.length) - at];
            new Random(seed).nextBytes(r);
            System.arraycopy(r, 0, b, at, r.length);
            return b;
        }

        private int end(int size) {
            return Math.min(size, at + length);
        }

        @Override
        public List<int[]> changedRanges(Sample s) {
            return List.of(new int[] {at, end(s.bytes().length)});
        }

        @Override
        public String toString() {
            return "0x" + Integer.toHexString(at) + ".." + "0x" + Integer.toHexString(at + length)
                    + " overwritten with new java.util.Random(" + seed + "L).nextBytes";
        }
    }

    /** {@code length} bytes copied from {@code from} to {@code to} (say, a record over another chunk's). */
    record CopyWindow(int from, int to, int length) implements Mutation {
        @Override
        public byte[] apply(byte[] original) {
            byte[] b = original.clone();
            System.arraycopy(original, from, b, to, n(original.length));
            return b;
        }

        private int n(int size) {
            return Math.min(length, Math.min(size - from, size - to));
        }

        @Override
        public List<int[]> changedRanges(Sample s) {
            return List.of(new int[] {to, to + n(s.bytes().length)});
        }

        @Override
        public String toString() {
            return "0x" + Integer.toHexString(length) + " bytes copied from 0x" + Integer.toHexString(from)
                    + " over 0x" + Integer.toHexString(to);
        }
    }

    /**
     * In one chunk, every record keeps its 24-byte header and trailing size but its BinXML body is
     * replaced with random bytes, keeping the first bytes (fragment header and template instance
     * token) with some chance: the framing is valid, everything inside is garbage.
     */
    record RandomRecordBodies(int chunk, long seed) implements Mutation {
        @Override
        public byte[] apply(byte[] original) {
            byte[] b = original.clone();
            Random random = new Random(seed);
            int start = chunkStart(chunk);
            int p = start + CHUNK_HEADER;
            while (p + 28 <= start + CHUNK && LittleEndianView.i32(b, p) == 0x2a2a) {
                int size = LittleEndianView.i32(b, p + 4);
                if (size < 28 || p + size > start + CHUNK) {
                    break;
                }
                int keep = random.nextInt(4) == 0 ? 0 : random.nextInt(Math.min(64, size - 28) + 1);
                for (int i = p + 24 + keep; i < p + size - 4; i++) {
                    b[i] = (byte) random.nextInt(256);
                }
                p += size;
            }
            return b;
        }

        @Override
        public List<int[]> changedRanges(Sample s) {
            return List.of(new int[] {chunkStart(chunk) + CHUNK_HEADER, chunkStart(chunk) + CHUNK});
        }

        @Override
        public String toString() {
            return "record bodies of chunk " + chunk + " randomised with new java.util.Random(" + seed + "L)";
        }
    }

    /**
     * The body of the template definition at chunk offset {@code defOffset} (after its fragment header)
     * made a template instance of the definition at {@code target}: 10 bytes.
     */
    record TemplateReference(int chunk, int defOffset, int target) implements Mutation {
        int at() {
            return chunkStart(chunk) + defOffset + 24 + 4;
        }

        @Override
        public byte[] apply(byte[] original) {
            byte[] b = original.clone();
            byte[] instance = {0x0c, 0x01, 0, 0, 0, 0, 0, 0, 0, 0};
            LittleEndianView.w32(instance, 6, target);
            System.arraycopy(instance, 0, b, at(), instance.length);
            return b;
        }

        @Override
        public List<int[]> changedRanges(Sample s) {
            return List.of(new int[] {at(), at() + 10});
        }

        @Override
        public String toString() {
            byte[] instance = apply(new byte[at() + 10]);
            StringBuilder hex = new StringBuilder();
            for (int i = at(); i < at() + 10; i++) {
                hex.append(String.format("%02x ", instance[i]));
            }
            return "template definition 0x" + Integer.toHexString(defOffset) + " of chunk " + chunk
                    + (target == defOffset ? " made to refer to itself" : " made to refer to the one at 0x" + Integer.toHexString(target))
                    + ": 10 bytes at 0x" + Integer.toHexString(at()) + " := " + hex.toString().trim();
        }
    }

    record Both(Mutation first, Mutation second) implements Mutation {
        @Override
        public byte[] apply(byte[] original) {
            return second.apply(first.apply(original));
        }

        @Override
        public List<int[]> changedRanges(Sample s) {
            List<int[]> r = new ArrayList<>(first.changedRanges(s));
            r.addAll(second.changedRanges(s));
            return r;
        }

        @Override
        public String toString() {
            return first + ", then " + second;
        }
    }

    /**
     * The first record of a chunk made to span the chunk's records (up to the free space offset) and
     * given a BinXML body of nested values: a template {@code <E>} whose content is {@code fanout}
     * substitutions of value 0, of type BinXML; value 0 is again an instance of that template, and so
     * on, {@code levels} deep. Every other record of the chunk is gone (the chunk is touched).
     */
    record BinXmlBomb(int chunk, int fanout, int levels) implements Mutation {
        @Override
        public byte[] apply(byte[] original) {
            byte[] b = original.clone();
            int base = chunkStart(chunk);
            int rec = base + CHUNK_HEADER;
            int size = LittleEndianView.i32(b, base + 48) - CHUNK_HEADER;
            byte[] body = body(CHUNK_HEADER);
            if (body.length > size - 28) {
                throw new IllegalStateException(this + " needs " + body.length + " bytes, the chunk has " + (size - 28));
            }
            LittleEndianView.w32(b, rec + 4, size);
            Arrays.fill(b, rec + 24, rec + size - 4, (byte) 0);
            System.arraycopy(body, 0, b, rec + 24, body.length);
            LittleEndianView.w32(b, rec + size - 4, size);
            return b;
        }

        /** The record's BinXML for a record at chunk offset {@code record}. */
        byte[] body(int record) {
            int definition = record + 24 + 4 + 10;
            int template = definition + 24;
            java.io.ByteArrayOutputStream t = new java.io.ByteArrayOutputStream();
            t.writeBytes(new byte[] {0x0f, 1, 1, 0});
            byte[] element = {0x01, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0};
            LittleEndianView.w32(element, 7, template + 4 + 11); // the name follows inline
            t.writeBytes(element);
            t.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, 1, 0, 'E', 0, 0, 0});
            t.write(0x02);
            for (int i = 0; i < fanout; i++) {
                t.writeBytes(new byte[] {0x0d, 0, 0, 0x21});
            }
            t.writeBytes(new byte[] {0x04, 0x00});
            byte[] value = new byte[0];
            for (int i = 0; i < levels; i++) {
                value = instance(definition, null, value);
            }
            return instance(definition, t.toByteArray(), value);
        }

        private static byte[] instance(int definition, byte[] inlineTemplate, byte[] value) {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            b.writeBytes(new byte[] {0x0f, 1, 1, 0});
            byte[] instance = {0x0c, 0x01, 0, 0, 0, 0, 0, 0, 0, 0};
            LittleEndianView.w32(instance, 6, definition);
            b.writeBytes(instance);
            if (inlineTemplate != null) {
                byte[] header = new byte[24];
                LittleEndianView.w32(header, 20, inlineTemplate.length);
                b.writeBytes(header);
                b.writeBytes(inlineTemplate);
            }
            byte[] values = {1, 0, 0, 0, 0, 0, 0x21, 0};
            LittleEndianView.w16(values, 4, value.length);
            b.writeBytes(values);
            b.writeBytes(value);
            if (inlineTemplate != null) {
                b.write(0x00);
            }
            return b.toByteArray();
        }

        @Override
        public List<int[]> changedRanges(Sample s) {
            return List.of(new int[] {chunkStart(chunk) + CHUNK_HEADER, chunkStart(chunk) + CHUNK});
        }

        @Override
        public String toString() {
            return "chunk " + chunk + ": first record (0x" + Integer.toHexString(chunkStart(chunk) + CHUNK_HEADER)
                    + ") made to span the chunk, its BinXML " + body(CHUNK_HEADER).length + " bytes of " + levels
                    + " nested BinXML values, each substituted " + fanout + "x in its template (EvtxFuzzTest.BinXmlBomb)";
        }
    }

    enum GarbageKind {
        /** Random bytes, any length from 0. */
        RANDOM,
        /** "ElfFile\0" then random bytes. */
        FILE_SIGNATURE_THEN_RANDOM,
        /** A real file header, then chunks that are "ElfChnk\0" and random bytes. */
        RANDOM_CHUNKS,
        /** A real file header, then real chunk headers (with their tables) over random record areas. */
        REAL_CHUNK_HEADERS_RANDOM_RECORDS
    }

    record Garbage(GarbageKind kind, int length, int sampleIndex, long seed) {
        String name() {
            return "random-" + kind.name().toLowerCase() + "-" + Long.toHexString(seed) + ".evtx";
        }

        byte[] bytes() {
            Random random = new Random(seed);
            byte[] b;
            switch (kind) {
                case RANDOM -> {
                    b = new byte[length];
                    random.nextBytes(b);
                }
                case FILE_SIGNATURE_THEN_RANDOM -> {
                    b = new byte[Math.max(8, length)];
                    random.nextBytes(b);
                    System.arraycopy(EvtxReader.FILE_SIGNATURE, 0, b, 0, 8);
                }
                default -> {
                    Sample s = corpus().get(sampleIndex);
                    int chunks = 1 + length % 3;
                    b = new byte[FILE_HEADER + chunks * CHUNK - (length % 7 == 0 ? length % CHUNK : 0)];
                    random.nextBytes(b);
                    System.arraycopy(s.bytes(), 0, b, 0, FILE_HEADER);
                    for (int k = 0; k < chunks && chunkStart(k) + CHUNK_HEADER <= b.length; k++) {
                        if (kind == GarbageKind.RANDOM_CHUNKS) {
                            System.arraycopy(EvtxChunk.SIGNATURE, 0, b, chunkStart(k), 8);
                        } else {
                            int from = chunkStart(k % s.usedChunks());
                            System.arraycopy(s.bytes(), from, b, chunkStart(k), CHUNK_HEADER);
                        }
                    }
                }
            }
            return b;
        }

        @Override
        public String toString() {
            return name() + " (" + kind + ", length parameter " + length + ", header from "
                    + corpus().get(sampleIndex).name() + ", seed " + seed + "L)";
        }
    }

    /** Little-endian reads for the mutators (the reader's own helper is package-private and not ours to touch). */
    static final class LittleEndianView {
        static int i32(byte[] b, int off) {
            return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
        }

        static int u16(byte[] b, int off) {
            return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
        }

        static void w32(byte[] b, int off, int v) {
            w16(b, off, v);
            w16(b, off + 2, v >>> 16);
        }

        static void w16(byte[] b, int off, int v) {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The corpus: real files, read once, with their baseline parse
    // ------------------------------------------------------------------------------------------------

    /** A structure worth aiming at: [start, end) in the file. */
    record Region(String kind, int start, int end) {
        @Override
        public String toString() {
            return kind + "@0x" + Integer.toHexString(start);
        }
    }

    /**
     * One real file: its bytes, which 64 KiB slots hold a chunk, and per slot the records and problems
     * of the intact file.
     */
    record Sample(String name, byte[] bytes, boolean[] used, int usedChunks, List<List<Rec>> records,
                  List<List<ReadProblem>> problems, List<ReadProblem> fileProblems, List<Region> regions,
                  List<Long> recordOffsets, List<List<Integer>> templates) {
        int slots() {
            return used.length;
        }

        /** Where the last used chunk ends. */
        int usedEnd() {
            return chunkStart(usedChunks);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The sample with the most records in its first chunk (over a hundred records of one template in the CI data). */
    static Sample busiestSample() {
        return corpus().stream().max(Comparator.comparingInt((Sample x) -> x.records().get(0).size())).orElseThrow();
    }

    /** The definition used by the first record of a chunk (its template instance follows the fragment header). */
    static int firstTemplateOffset(Sample s, int chunk) {
        int rec = chunkStart(chunk) + CHUNK_HEADER;
        assertEquals(0x0c, s.bytes()[rec + 28] & 0xff, s.name() + ": first record of chunk " + chunk + " is no template instance");
        return LittleEndianView.i32(s.bytes(), rec + 34);
    }

    private static volatile List<Sample> corpus;

    static Path dataRoot() {
        String p = System.getProperty("dotlink.shared.data");
        if (p == null || p.isBlank()) {
            return null;
        }
        Path root = Path.of(p);
        return Files.isDirectory(root.resolve("evtx-attack-samples")) || Files.isDirectory(root.resolve("evtx-samples-extra"))
                ? root : null;
    }

    static List<Sample> corpus() {
        List<Sample> c = corpus;
        if (c == null) {
            synchronized (EvtxFuzzTest.class) {
                c = corpus;
                if (c == null) {
                    c = loadCorpus(dataRoot());
                    corpus = c;
                }
            }
        }
        return c;
    }

    /**
     * The {@link #SAMPLE_COUNT} files under evtx-attack-samples and evtx-samples-extra with the most
     * chunks (at least three), ties broken by path: Security, Sysmon, PowerShell, Application, RDP and
     * other channels, from 3 to 48 chunks.
     */
    private static List<Sample> loadCorpus(Path root) {
        record Candidate(Path path, String name, int chunks) {}
        List<Candidate> candidates = new ArrayList<>();
        for (String folder : List.of("evtx-attack-samples", "evtx-samples-extra")) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(".evtx") && Files.isRegularFile(f)).toList()) {
                    if (Files.size(p) < FILE_HEADER + 3L * CHUNK) {
                        continue;
                    }
                    byte[] b = Files.readAllBytes(p);
                    int chunks = countUsedChunks(b);
                    if (chunks >= 3 && EvtxReader.isEvtx(b, b.length)) {
                        candidates.add(new Candidate(p, root.relativize(p).toString(), chunks));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::chunks).reversed().thenComparing(Candidate::name));
        List<Sample> samples = new ArrayList<>();
        for (Candidate cand : candidates.subList(0, Math.min(SAMPLE_COUNT, candidates.size()))) {
            try {
                samples.add(sample(cand.name(), Files.readAllBytes(cand.path())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException("no multi-chunk EVTX file under " + root);
        }
        return List.copyOf(samples);
    }

    private static int countUsedChunks(byte[] b) {
        int n = 0;
        while (chunkStart(n) + CHUNK <= b.length && EvtxChunk.hasSignature(b, chunkStart(n))) {
            n++;
        }
        return n;
    }

    private static Sample sample(String name, byte[] bytes) {
        int slots = (bytes.length - FILE_HEADER + CHUNK - 1) / CHUNK;
        boolean[] used = new boolean[slots];
        for (int k = 0; k < slots; k++) {
            used[k] = chunkStart(k) + 8 <= bytes.length && EvtxChunk.hasSignature(bytes, chunkStart(k));
        }
        int usedChunks = countUsedChunks(bytes);
        Outcome o = analyse(name, EvtxReader.readAll(new ByteArrayInputStream(bytes), name), bytes.length);
        List<List<Rec>> records = new ArrayList<>();
        List<List<ReadProblem>> problems = new ArrayList<>();
        List<Long> recordOffsets = new ArrayList<>();
        for (int k = 0; k < slots; k++) {
            records.add(List.copyOf(o.records(k)));
            problems.add(List.copyOf(o.problems(k)));
            o.records(k).forEach(r -> recordOffsets.add(r.offset()));
        }
        if (recordOffsets.isEmpty()) {
            throw new IllegalStateException(name + " gave no records");
        }
        List<List<Integer>> templates = new ArrayList<>();
        for (int k = 0; k < usedChunks; k++) { // chunk offsets of the template definitions its table points to
            List<Integer> defs = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int off = LittleEndianView.i32(bytes, chunkStart(k) + 384 + 4 * i);
                if (off >= CHUNK_HEADER && off + 32 <= CHUNK
                        && LittleEndianView.i32(bytes, chunkStart(k) + off + 24) == 0x0001010f) {
                    defs.add(off);
                }
            }
            if (defs.isEmpty()) {
                throw new IllegalStateException(name + ": chunk " + k + " has no template definition in its table");
            }
            templates.add(List.copyOf(defs));
        }
        return new Sample(name, bytes, used, usedChunks, records, problems, List.copyOf(o.fileProblems()),
                regions(bytes, usedChunks, recordOffsets), recordOffsets, List.copyOf(templates));
    }

    /**
     * What to aim flips at, per chunk: the chunk header, the names its string table points to, the
     * template definitions its template table points to, and every record's header and first bytes.
     */
    private static List<Region> regions(byte[] b, int usedChunks, List<Long> recordOffsets) {
        List<Region> regions = new ArrayList<>();
        for (int k = 0; k < usedChunks; k++) {
            int base = chunkStart(k);
            regions.add(new Region("chunk-header", base, base + 128));
            regions.add(new Region("chunk-tables", base + 128, base + CHUNK_HEADER));
            for (int i = 0; i < 64; i++) {
                int off = LittleEndianView.i32(b, base + 128 + 4 * i);
                if (off >= CHUNK_HEADER && off + 8 <= CHUNK) {
                    int chars = LittleEndianView.u16(b, base + off + 6);
                    regions.add(new Region("name", base + off, Math.min(base + CHUNK, base + off + 10 + 2 * chars)));
                }
            }
            for (int i = 0; i < 32; i++) {
                int off = LittleEndianView.i32(b, base + 384 + 4 * i);
                if (off >= CHUNK_HEADER && off + 24 <= CHUNK) {
                    int size = LittleEndianView.i32(b, base + off + 20);
                    int end = size > 0 && off + 24 + size <= CHUNK ? base + off + 24 + size : base + off + 24;
                    regions.add(new Region("template", base + off, end));
                }
            }
        }
        for (long r : recordOffsets) {
            regions.add(new Region("record-header", (int) r, (int) r + 24));
            regions.add(new Region("record-start", (int) r + 24, (int) r + 64));
        }
        return List.copyOf(regions);
    }

    /** Skips the whole class, saying why, when the shared data folder is not there. */
    static final class RequiresSharedData implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            if (dataRoot() == null) {
                return SkipResult.skip("shared test data not found (system property dotlink.shared.data = "
                        + System.getProperty("dotlink.shared.data") + "); EVTX fuzz tests skipped");
            }
            return SkipResult.doNotSkip();
        }
    }
}
