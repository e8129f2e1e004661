package org.dotlink.ingest.w3c;

import static org.dotlink.ingest.w3c.W3cTestSupport.SOURCE;
import static org.dotlink.ingest.w3c.W3cTestSupport.fields;
import static org.dotlink.ingest.w3c.W3cTestSupport.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dotlink.core.Event;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.w3c.W3cTestSupport.Read;
import org.junit.jupiter.api.Test;

/** The W3C reader on logs written here, one behaviour per test. */
class W3cReaderTest {

    /**
     * Two header blocks as IIS writes them when a site restarts; the second changes the field list
     * (adds {@code s-computername} and {@code cs(Cookie)}, drops others, reorders). Lines 1-4 and
     * 7-10 are directives, 5-6 and 11-12 data.
     */
    static final String TWO_BLOCKS = String.join("\n",
            "#Software: Microsoft Internet Information Services 10.0",
            "#Version: 1.0",
            "#Date: 2021-03-03 00:00:00",
            "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent)"
                    + " cs(Referer) sc-status sc-substatus sc-win32-status time-taken",
            "2021-03-03 02:15:10 10.1.1.5 POST /owa/auth/x.js - 443 - 203.0.113.7"
                    + " Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 15",
            "2021-03-03 02:15:11 10.1.1.5 GET /ecp/DDI/DDIService.svc/GetObject schema=OABVirtualDirectory 443"
                    + " CORP\\admin 203.0.113.7 ExchangeServicesClient/0.0.0.0 https://mail.example.com/ecp/ 200 0 0 31",
            "#Software: Microsoft Internet Information Services 10.0",
            "#Version: 1.0",
            "#Date: 2021-03-03 03:00:00",
            "#Fields: date time s-computername s-ip cs-method cs-uri-stem cs-uri-query c-ip cs(Cookie) sc-status"
                    + " time-taken",
            "2021-03-03 03:00:01 EXCH01 10.1.1.5 GET /aspnet_client/shell.aspx cmd=whoami+/all 198.51.100.9"
                    + " X-AnonResource=true;+X-BEResource=localhost~1942062522 200 4",
            "2021-03-03 03:00:02 - 10.1.1.5 GET / - 198.51.100.9 - 404 2",
            "");

    static final List<List<String>> TWO_BLOCKS_EVENTS = List.of(
            List.of("TimeCreated_SystemTime=2021-03-03T02:15:10.0000000Z", "Channel=W3C", "Computer=10.1.1.5",
                    "date=2021-03-03", "time=02:15:10", "s-ip=10.1.1.5", "cs-method=POST",
                    "cs-uri-stem=/owa/auth/x.js", "s-port=443", "c-ip=203.0.113.7",
                    "cs(User-Agent)=Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)",
                    "cs-user-agent=Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)", "sc-status=200", "sc-substatus=0",
                    "sc-win32-status=0", "time-taken=15"),
            List.of("TimeCreated_SystemTime=2021-03-03T02:15:11.0000000Z", "Channel=W3C", "Computer=10.1.1.5",
                    "date=2021-03-03", "time=02:15:11", "s-ip=10.1.1.5", "cs-method=GET",
                    "cs-uri-stem=/ecp/DDI/DDIService.svc/GetObject", "cs-uri-query=schema=OABVirtualDirectory",
                    "s-port=443", "cs-username=CORP\\admin", "c-ip=203.0.113.7",
                    "cs(User-Agent)=ExchangeServicesClient/0.0.0.0", "cs-user-agent=ExchangeServicesClient/0.0.0.0",
                    "cs(Referer)=https://mail.example.com/ecp/", "cs-referer=https://mail.example.com/ecp/",
                    "sc-status=200", "sc-substatus=0", "sc-win32-status=0", "time-taken=31"),
            List.of("TimeCreated_SystemTime=2021-03-03T03:00:01.0000000Z", "Channel=W3C", "Computer=EXCH01",
                    "date=2021-03-03", "time=03:00:01", "s-computername=EXCH01", "s-ip=10.1.1.5", "cs-method=GET",
                    "cs-uri-stem=/aspnet_client/shell.aspx", "cs-uri-query=cmd=whoami+/all", "c-ip=198.51.100.9",
                    "cs(Cookie)=X-AnonResource=true;+X-BEResource=localhost~1942062522",
                    "cs-cookie=X-AnonResource=true;+X-BEResource=localhost~1942062522", "sc-status=200",
                    "time-taken=4"),
            List.of("TimeCreated_SystemTime=2021-03-03T03:00:02.0000000Z", "Channel=W3C", "Computer=10.1.1.5",
                    "date=2021-03-03", "time=03:00:02", "s-ip=10.1.1.5", "cs-method=GET", "cs-uri-stem=/",
                    "c-ip=198.51.100.9", "sc-status=404", "time-taken=2"));

    @Test
    void headerBlocksWithAFieldChangeMidFile() {
        Read r = read(TWO_BLOCKS);
        assertEquals(List.of(), r.problems());
        assertEquals(4, r.events().size());
        for (int i = 0; i < 4; i++) {
            assertEquals(TWO_BLOCKS_EVENTS.get(i), fields(r.events().get(i)), "event " + i);
        }
        assertEquals(List.of(5L, 6L, 11L, 12L), r.events().stream().map(Event::offset).toList());
        for (Event e : r.events()) {
            assertEquals(SOURCE, e.source());
            assertFalse(e.recovered());
        }
        Event third = r.events().get(2);
        assertEquals("EXCH01", third.host());
        assertEquals("W3C", third.channel());
        assertEquals("2021-03-03T03:00:01.0000000Z", third.time());
        assertEquals(-1, third.eventId());
    }

    @Test
    void dashMeansAbsentAndPlusIsKeptAsLogged() {
        Event first = read(TWO_BLOCKS).events().get(0);
        // "-" values are absent fields, not "-" strings
        assertTrue(first.field("cs-uri-query").isEmpty());
        assertTrue(first.field("cs-username").isEmpty());
        assertTrue(first.field("cs(Referer)").isEmpty());
        assertTrue(first.field("cs-referer").isEmpty());
        // "+" stands for a space in IIS logs; Sigma webserver rules match the logged form
        assertEquals("Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)", first.field("cs(User-Agent)").orElseThrow());
        assertEquals("Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)", first.field("cs-user-agent").orElseThrow());
        Event fourth = read(TWO_BLOCKS).events().get(3);
        assertTrue(fourth.field("s-computername").isEmpty());
        assertTrue(fourth.field("cs(Cookie)").isEmpty());
        assertTrue(fourth.field("cs-cookie").isEmpty());
    }

    @Test
    void brokenLinesAreReportedWithTheirLineNumberAndTheRestIsRead() {
        String log = String.join("\n",
                "#Fields: date time c-ip cs-uri-stem sc-status",
                "2019-09-03 10:00:01 10.0.0.1 /a 200",
                "2019-09-03 10:00:02 10.0.0.2 /b",
                "2019-09-03 10:00:03 10.0.0.3 /c 200 extra",
                "2019-09-03 10:00:04 10.0.0.4 /d+e 302",
                "2019-09-03 10:00:05  10.0.0.5 /f 200",
                "2019-09-03 10:00:06 10.0.0.6 /g 500",
                "");
        Read r = read(log);
        assertEquals(List.of(
                ReadProblem.error(SOURCE, "line 3", "4 values, but the #Fields directive on line 1 names 5 fields"
                        + " (expected one value per field, separated by single spaces); line not read"),
                ReadProblem.error(SOURCE, "line 4", "6 values, but the #Fields directive on line 1 names 5 fields"
                        + " (expected one value per field, separated by single spaces); line not read"),
                ReadProblem.error(SOURCE, "line 6", "6 values, but the #Fields directive on line 1 names 5 fields"
                        + " (expected one value per field, separated by single spaces); line not read")),
                r.problems());
        assertEquals(List.of(2L, 5L, 7L), r.events().stream().map(Event::offset).toList());
        assertEquals(List.of("/a", "/d+e", "/g"),
                r.events().stream().map(e -> e.field("cs-uri-stem").orElseThrow()).toList());
        assertEquals(List.of("10.0.0.1", "10.0.0.4", "10.0.0.6"),
                r.events().stream().map(e -> e.field("c-ip").orElseThrow()).toList());
    }

    @Test
    void dataBeforeAnyFieldsDirectiveIsReportedPerLine() {
        String log = String.join("\n",
                "#Software: Microsoft Internet Information Services 10.0",
                "2019-09-03 10:00:01 10.0.0.1 /a 200",
                "2019-09-03 10:00:02 10.0.0.2 /b 200",
                "#Fields: date time c-ip cs-uri-stem sc-status",
                "2019-09-03 10:00:03 10.0.0.3 /c 404",
                "");
        Read r = read(log);
        String expected = "data line before any #Fields directive; expected a \"#Fields:\" line naming the values first";
        assertEquals(List.of(ReadProblem.error(SOURCE, "line 2", expected), ReadProblem.error(SOURCE, "line 3", expected)),
                r.problems());
        assertEquals(1, r.events().size());
        assertEquals(5, r.events().get(0).offset());
        assertEquals("/c", r.events().get(0).field("cs-uri-stem").orElseThrow());
    }

    @Test
    void crlfLineEndsGiveTheSameEventsAsLf() {
        Read lf = read(TWO_BLOCKS);
        Read crlf = read(TWO_BLOCKS.replace("\n", "\r\n"));
        assertEquals(List.of(), crlf.problems());
        assertEquals(lf.eventText(), crlf.eventText());
        Event last = crlf.events().get(3);
        assertEquals("2", last.field("time-taken").orElseThrow()); // not "2\r"
        // mixed line ends and no line end after the last line
        Read mixed = read(TWO_BLOCKS.replaceFirst("\n", "\r\n").strip());
        assertEquals(lf.eventText(), mixed.eventText());
        assertEquals(List.of(), mixed.problems());
    }

    @Test
    void emptyFileGivesNoTasksAndHeadersOnlyGiveNoEvents() {
        W3cReader reader = new W3cReader(new ByteArrayInputStream(new byte[0]), SOURCE);
        assertFalse(reader.hasNext());
        assertThrows(NoSuchElementException.class, reader::next);
        assertEquals(new Read(List.of(), List.of(), 0), read(new byte[0]));

        Read headers = read("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
                + "#Date: 2019-09-03 10:04:35\r\n#Fields: date time c-ip\r\n\r\n");
        assertEquals(List.of(), headers.events());
        assertEquals(List.of(), headers.problems());
        assertEquals(1, headers.tasks());

        Read blank = read("\n\r\n  \n");
        assertEquals(List.of(), blank.events());
        assertEquals(List.of(), blank.problems());
    }

    @Test
    void blockBoundariesDoNotChangeEventsProblemsOrLineNumbers() {
        String log = TWO_BLOCKS + "2021-03-03 03:00:03 EXCH01 10.1.1.5 GET /x\n" // broken: line 13
                + "2021-03-03 03:00:04 EXCH01 10.1.1.5 GET /y - 198.51.100.9 - 200 1\n";
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        Read whole = read(bytes);
        assertEquals(1, whole.tasks());
        assertEquals(5, whole.events().size());
        assertEquals(List.of("test.log: line 13: error: 6 values, but the #Fields directive on line 10 names 11 fields"
                + " (expected one value per field, separated by single spaces); line not read"), whole.problemText());
        assertEquals(14, whole.events().get(4).offset());
        for (int lines = 1; lines <= 15; lines++) {
            Read r = read(bytes, lines, Integer.MAX_VALUE, W3cReader.MAX_LINE_BYTES);
            assertEquals((14 + lines - 1) / lines, r.tasks(), "tasks of " + lines + "-line blocks");
            assertEquals(whole.eventText(), r.eventText(), lines + "-line blocks");
            assertEquals(whole.problemText(), r.problemText(), lines + "-line blocks");
        }
        for (int blockBytes = 1; blockBytes <= bytes.length + 1; blockBytes += 7) {
            Read r = read(bytes, 4096, blockBytes, W3cReader.MAX_LINE_BYTES);
            assertEquals(whole.eventText(), r.eventText(), blockBytes + "-byte blocks");
            assertEquals(whole.problemText(), r.problemText(), blockBytes + "-byte blocks");
        }
        // a stream that hands out one byte per read splits every line across refills
        W3cReader trickle = new W3cReader(new OneByteAtATime(bytes), SOURCE, 3, Integer.MAX_VALUE,
                W3cReader.MAX_LINE_BYTES);
        Read t = W3cTestSupport.collect(W3cReader.drain(trickle));
        assertEquals(whole.eventText(), t.eventText());
        assertEquals(whole.problemText(), t.problemText());
    }

    @Test
    void tasksAreIndependentAndRunOnOtherThreadsInAnyOrder() throws Exception {
        byte[] bytes = (TWO_BLOCKS + TWO_BLOCKS.replace("2021-03-03", "2021-03-04")).getBytes(StandardCharsets.UTF_8);
        Read sequential = read(bytes, 2, Integer.MAX_VALUE, W3cReader.MAX_LINE_BYTES);
        assertEquals(8, sequential.events().size());
        assertEquals(12, sequential.tasks());
        // Pull every task first (all the I/O), then run them in reverse order on a pool.
        W3cReader reader = new W3cReader(new ByteArrayInputStream(bytes), SOURCE, 2, Integer.MAX_VALUE,
                W3cReader.MAX_LINE_BYTES);
        List<Callable<EventBatch>> tasks = new ArrayList<>();
        reader.forEachRemaining(tasks::add);
        List<Callable<EventBatch>> reversed = new ArrayList<>(tasks);
        Collections.reverse(reversed);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<EventBatch>> futures = pool.invokeAll(reversed);
            List<EventBatch> batches = new ArrayList<>();
            for (Future<EventBatch> f : futures) {
                batches.add(f.get());
            }
            Collections.reverse(batches);
            Read parallel = W3cTestSupport.collect(batches);
            assertEquals(sequential.eventText(), parallel.eventText());
            assertEquals(sequential.problemText(), parallel.problemText());
            assertEquals(List.of(5L, 6L, 11L, 12L, 17L, 18L, 23L, 24L),
                    parallel.events().stream().map(Event::offset).toList());
            assertEquals("2021-03-04T03:00:02.0000000Z", parallel.events().get(7).time());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theStreamIsNeverClosedByTheReader() {
        boolean[] closed = {false};
        InputStream in = new FilterInputStream(new ByteArrayInputStream(TWO_BLOCKS.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        assertEquals(4, W3cTestSupport.collect(W3cReader.readAll(in, SOURCE)).events().size());
        assertFalse(closed[0]);
    }

    @Test
    void timeFromDateAndTimeFieldsWithFractionsAndBadValues() {
        String log = String.join("\n",
                "#Fields: date time c-ip",
                "2019-09-03 10:13:36.5 10.0.0.1",
                "2019-09-03 10:13:36.123456789 10.0.0.2",
                "2019-09-03 10:13 10.0.0.3",
                "2019-02-29 10:13:36 10.0.0.4",
                "2019-09-03 - 10.0.0.5",
                "2020-02-29 23:59:59 10.0.0.6",
                "");
        Read r = read(log);
        assertEquals(List.of("2019-09-03T10:13:36.5000000Z", "2019-09-03T10:13:36.1234567Z",
                "2019-09-03T10:13:00.0000000Z", "", "", "2020-02-29T23:59:59.0000000Z"),
                r.events().stream().map(Event::time).toList());
        assertEquals(List.of(
                ReadProblem.warning(SOURCE, "line 5", "date and time \"2019-02-29\" \"10:13:36\" are not a"
                        + " yyyy-MM-dd HH:mm:ss UTC time; event read without TimeCreated_SystemTime"),
                ReadProblem.warning(SOURCE, "line 6", "date and time \"2019-09-03\" - are not a"
                        + " yyyy-MM-dd HH:mm:ss UTC time; event read without TimeCreated_SystemTime")),
                r.problems());
        // the event with a bad date is still there, with its values as logged
        assertEquals(List.of("Channel=W3C", "date=2019-02-29", "time=10:13:36", "c-ip=10.0.0.4"),
                fields(r.events().get(3)));
    }

    @Test
    void dateComesFromTheDateDirectiveWhenTheFieldListHasNoDate() {
        String log = String.join("\n",
                "#Date: 2019-09-03 00:00:00",
                "#Fields: time c-ip",
                "23:59:59 10.0.0.1",
                "#Date: 2019-09-04 00:00:00",
                "00:00:01 10.0.0.2",
                "");
        Read r = read(log);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("2019-09-03T23:59:59.0000000Z", "2019-09-04T00:00:01.0000000Z"),
                r.events().stream().map(Event::time).toList());
        // the same, when each line is a block of its own
        Read small = read(log.getBytes(StandardCharsets.UTF_8), 1, Integer.MAX_VALUE, W3cReader.MAX_LINE_BYTES);
        assertEquals(r.eventText(), small.eventText());
    }

    @Test
    void fieldListsWithoutTimeAreReportedOnceAtTheirFieldsLine() {
        String log = String.join("\n",
                "#Fields: c-ip cs-uri-stem",
                "10.0.0.1 /a",
                "10.0.0.2 /b",
                "#Fields: time c-ip",
                "10:00:00 10.0.0.3",
                "");
        Read r = read(log);
        assertEquals(List.of(
                ReadProblem.warning(SOURCE, "line 1", "the field list has no \"time\" field; the events of the"
                        + " lines that follow get no TimeCreated_SystemTime"),
                ReadProblem.warning(SOURCE, "line 4", "the field list has no \"date\" field and no #Date directive"
                        + " came before it; the events of the lines that follow get no TimeCreated_SystemTime")),
                r.problems());
        assertEquals(List.of(List.of("Channel=W3C", "c-ip=10.0.0.1", "cs-uri-stem=/a"),
                List.of("Channel=W3C", "c-ip=10.0.0.2", "cs-uri-stem=/b"),
                List.of("Channel=W3C", "time=10:00:00", "c-ip=10.0.0.3")),
                r.events().stream().map(W3cTestSupport::fields).toList());
    }

    @Test
    void computerIsServerNameElseServerIpElseAbsent() {
        String log = String.join("\n",
                "#Fields: date time s-sitename s-computername s-ip c-ip",
                "2019-09-03 10:00:00 W3SVC1 WEB01 10.0.0.9 10.0.0.1",
                "2019-09-03 10:00:00 W3SVC1 - 10.0.0.9 10.0.0.1",
                "2019-09-03 10:00:00 W3SVC1 - - 10.0.0.1",
                "");
        Read r = read(log);
        assertEquals(List.of("WEB01", "10.0.0.9", ""), r.events().stream().map(Event::host).toList());
        assertTrue(r.events().get(2).field("Computer").isEmpty());
        assertEquals("W3SVC1", r.events().get(2).field("s-sitename").orElseThrow());
    }

    @Test
    void headerFieldsAlsoGetSigmaTaxonomyNames() {
        assertEquals("cs-user-agent", W3cFields.sigmaName("cs(User-Agent)"));
        assertEquals("cs-referer", W3cFields.sigmaName("cs(Referer)"));
        assertEquals("cs-cookie", W3cFields.sigmaName("cs(Cookie)"));
        assertEquals("cs-host", W3cFields.sigmaName("cs(Host)"));
        assertEquals("sc-content-type", W3cFields.sigmaName("sc(Content-Type)"));
        assertEquals("cs-x-forwarded-for", W3cFields.sigmaName("cs(X-Forwarded-For)"));
        assertNull(W3cFields.sigmaName("cs-host"));
        assertNull(W3cFields.sigmaName("cs()"));
        assertNull(W3cFields.sigmaName("date"));
        assertNull(W3cFields.sigmaName("foo(Bar)"));
        assertNull(W3cFields.sigmaName("(Bar)"));
        // a field list that names cs-host itself keeps both as logged, without a second cs-host value
        Read r = read("#Fields: date time cs-host cs(Host)\n2019-09-03 10:00:00 a.example b.example\n");
        assertEquals(List.of("TimeCreated_SystemTime=2019-09-03T10:00:00.0000000Z", "Channel=W3C",
                "date=2019-09-03", "time=10:00:00", "cs-host=a.example", "cs(Host)=b.example"),
                fields(r.events().get(0)));
    }

    @Test
    void utf8ValuesAndWindows1252Lines() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("#Fields: date time cs-username cs-uri-stem\n".getBytes(StandardCharsets.UTF_8));
        out.write("2019-09-03 10:00:00 CORP\\jürgen /café\n".getBytes(StandardCharsets.UTF_8));
        out.write("2019-09-03 10:00:01 CORP\\jürgen /café\n".getBytes("windows-1252"));
        out.write("2019-09-03 10:00:02 CORP\\jürgen €\n".getBytes("windows-1252"));
        Read r = read(out.toByteArray());
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("CORP\\jürgen", "CORP\\jürgen", "CORP\\jürgen"),
                r.events().stream().map(e -> e.field("cs-username").orElseThrow()).toList());
        assertEquals(List.of("/café", "/café", "€"),
                r.events().stream().map(e -> e.field("cs-uri-stem").orElseThrow()).toList());
        assertTrue(W3cBlock.validUtf8("ü€😀".getBytes(StandardCharsets.UTF_8), 0, 9));
        assertFalse(W3cBlock.validUtf8(new byte[] {(byte) 0xc3}, 0, 1)); // truncated
        assertFalse(W3cBlock.validUtf8(new byte[] {(byte) 0xc0, (byte) 0xaf}, 0, 2)); // overlong
        assertFalse(W3cBlock.validUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, 0, 3)); // surrogate
        assertFalse(W3cBlock.validUtf8(new byte[] {(byte) 0xfc}, 0, 1));
    }

    @Test
    void byteOrderMarkIsSkipped() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        out.write(TWO_BLOCKS.getBytes(StandardCharsets.UTF_8));
        Read r = read(out.toByteArray());
        assertEquals(List.of(), r.problems());
        assertEquals(read(TWO_BLOCKS).eventText(), r.eventText());
    }

    @Test
    void zeroFilledSpaceBeforeARestartIsSkippedWithAWarning() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("#Fields: date time c-ip\r\n2019-09-03 10:00:00 10.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[70_000]); // more than the reader's 64 KiB input buffer
        out.write(("#Software: Microsoft Internet Information Services 10.0\r\n#Fields: date time s-ip\r\n"
                + "2019-09-03 11:00:00 10.0.0.9\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[5]); // and at the very end, without a line end
        Read r = read(out.toByteArray());
        assertEquals(List.of(
                ReadProblem.warning(SOURCE, "line 3", "70000 NUL bytes at the start of the line skipped (zero-filled"
                        + " space, as a crash or power loss leaves in an IIS log)"),
                ReadProblem.warning(SOURCE, "line 6", "5 NUL bytes at the start of the line skipped (zero-filled"
                        + " space, as a crash or power loss leaves in an IIS log)")),
                r.problems());
        assertEquals(List.of(List.of("TimeCreated_SystemTime=2019-09-03T10:00:00.0000000Z", "Channel=W3C",
                "date=2019-09-03", "time=10:00:00", "c-ip=10.0.0.1"),
                List.of("TimeCreated_SystemTime=2019-09-03T11:00:00.0000000Z", "Channel=W3C", "Computer=10.0.0.9",
                        "date=2019-09-03", "time=11:00:00", "s-ip=10.0.0.9")),
                r.events().stream().map(W3cTestSupport::fields).toList());
        assertEquals(List.of(2L, 5L), r.events().stream().map(Event::offset).toList());
    }

    @Test
    void overlongLinesAreReportedAndSkipped() {
        String log = "#Fields: date time cs-uri-query\n"
                + "2019-09-03 10:00:00 a\n"
                + "2019-09-03 10:00:01 " + "x".repeat(200_000) + "\n"
                + "2019-09-03 10:00:02 b\n";
        Read r = read(log.getBytes(StandardCharsets.US_ASCII), 4096, 1 << 20, 100_000);
        assertEquals(List.of("test.log: line 3: error: line of 200020 bytes is longer than the 100000-byte limit;"
                + " line not read"), r.problemText());
        assertEquals(List.of("a", "b"), r.events().stream().map(e -> e.field("cs-uri-query").orElseThrow()).toList());
        assertEquals(List.of(2L, 4L), r.events().stream().map(Event::offset).toList());
    }

    @Test
    void commaSeparatedExchangeLogsGiveOneErrorPerRunNotOnePerLine() {
        String log = String.join("\r\n",
                "#Software: Microsoft Exchange Server",
                "#Version: 15.01.2176.002",
                "#Log-type: HttpProxy Logs",
                "#Date: 2021-03-04T06:40:12.345Z",
                "#Fields: DateTime,RequestId,MajorVersion,UrlStem,ClientIpAddress",
                "2021-03-04T06:40:12.345Z,1f2e,15,/ecp/y.js,10.0.0.1",
                "2021-03-04T06:40:13.345Z,1f2f,15,/ecp/y.js,10.0.0.1",
                "2021-03-04T06:40:14.345Z,1f30,15,/owa/auth.owa,10.0.0.2",
                "");
        Read r = read(log);
        assertEquals(List.of(), r.events());
        assertEquals(List.of(ReadProblem.error(SOURCE, "lines 6-8", "3 data lines not read: the #Fields directive on"
                + " line 5 lists comma-separated fields (an Exchange-style CSV log); only space-separated W3C"
                + " extended logs are read")), r.problems());
        // the same run split over blocks is reported once per block, still with exact line numbers
        Read blocks = read(log.getBytes(StandardCharsets.US_ASCII), 7, Integer.MAX_VALUE, W3cReader.MAX_LINE_BYTES);
        assertEquals(List.of("lines 6-7", "line 8"), blocks.problems().stream().map(ReadProblem::location).toList());
    }

    @Test
    void localTimeLogsSayTheirTimesAreTakenAsUtc() {
        Read r = read("#Version: 1.5\n#Software: Microsoft Windows Firewall\n#Time Format: Local\n"
                + "#Fields: date time action protocol src-ip dst-ip\n"
                + "2019-09-03 10:00:00 ALLOW TCP 10.0.0.1 10.0.0.2\n");
        assertEquals(List.of("test.log: line 3: warning: this log writes local times (#Time Format: Local), not UTC;"
                + " TimeCreated_SystemTime takes them as UTC"), r.problemText());
        assertEquals("2019-09-03T10:00:00.0000000Z", r.events().get(0).time());
        assertEquals("ALLOW", r.events().get(0).field("action").orElseThrow());
    }

    @Test
    void readFailuresAreReportedWithTheLineAndWhatWasReadIsKept() {
        byte[] bytes = TWO_BLOCKS.getBytes(StandardCharsets.UTF_8);
        int cut = TWO_BLOCKS.indexOf("2021-03-03 02:15:11"); // fails while reading line 6
        InputStream failing = new InputStream() {
            int at;

            @Override
            public int read() throws IOException {
                if (at == cut + 5) {
                    throw new IOException("device error");
                }
                return at < bytes.length ? bytes[at++] & 0xff : -1;
            }
        };
        Read r = W3cTestSupport.collect(W3cReader.readAll(failing, SOURCE));
        assertEquals(List.of("test.log: line 6: error: read failed: device error; the rest of the file is not read"),
                r.problemText());
        assertEquals(List.of(TWO_BLOCKS_EVENTS.get(0)), r.events().stream().map(W3cTestSupport::fields).toList());
    }

    @Test
    void recognisesW3cLogsByTheirFirstDirective() {
        for (String head : List.of("#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0",
                "#Fields: date time", "#Date: 2019-09-03 10:04:35", "#Start-Date: 1996-04-04 12:00:00",
                "#End-Date: x", "#Remark: x", "#SOFTWARE: x", "\ufeff#Software: Microsoft")) {
            byte[] b = head.getBytes(StandardCharsets.UTF_8);
            assertTrue(W3cReader.looksLikeW3c(b, Math.min(b.length, W3cReader.SNIFF_BYTES)), head);
        }
        for (String head : List.of("", "#", "#Fiel", "#Fields", "# Fields: date", "#Comment: x", "Fields: date",
                "2019-09-03 10:13:36 10.0.0.1", "{\"EventID\": 4624}", "ElfFile\0", "\ufeff{}", " #Software: x")) {
            byte[] b = head.getBytes(StandardCharsets.UTF_8);
            assertFalse(W3cReader.looksLikeW3c(b, b.length), head);
        }
        byte[] fields = "#Fields: date".getBytes(StandardCharsets.US_ASCII);
        assertFalse(W3cReader.looksLikeW3c(fields, 7), "only the bytes up to length count");
        assertTrue(W3cReader.looksLikeW3c(fields, 8));
        assertTrue(W3cReader.SNIFF_BYTES >= 3 + "#Start-Date:".length());
    }

    /** Hands out at most one byte per read, as a slow pipe or archive member might. */
    static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int at;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (at >= bytes.length) {
                return -1;
            }
            b[off] = bytes[at++];
            return 1;
        }
    }
}
