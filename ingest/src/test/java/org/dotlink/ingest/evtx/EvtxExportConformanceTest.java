package org.dotlink.ingest.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.dotlink.core.Event;
import org.dotlink.ingest.evtx.Conformance.Convention;
import org.dotlink.ingest.evtx.Conformance.Mismatch;
import org.dotlink.ingest.evtx.Conformance.Ours;
import org.dotlink.ingest.evtx.Conformance.Tally;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Every record of every EVTX file in the shared data, read by us and by libevtx's {@code evtxexport}
 * (run live), must agree: the same records in the same order, and per record the same System values
 * and the same EventData/UserData names and values. Where evtxexport writes a value differently by
 * convention, the comparison goes through a named {@link Normalize} function.
 */
class EvtxExportConformanceTest {

    /** evtxexport's conventions, each mapping its rendering of a value onto ours. */
    static final List<Convention> EVTXEXPORT = List.of(
            Convention.onTheirs("Normalize.hexInt", Normalize::hexInt),
            Convention.onTheirs("Normalize.isoTime", Normalize::isoTime),
            // evtxexport prints reals as %e with 7 significant digits: compare at that precision.
            new Convention("Normalize.cReal", (our, their) -> !Normalize.cReal(their).equals(their)
                    && Normalize.significant(our, 7).equals(Normalize.cReal(their))),
            new Convention("Normalize.lineFeedsOnlyAsEmpty", (our, their) -> !our.equals(their)
                    && Normalize.lineFeedsOnlyAsEmpty(our).equals(their)));

    private static final Pattern EVENT_BLOCK = Pattern.compile("<Event[ >].*?</Event>", Pattern.DOTALL);
    private static final ThreadLocal<DocumentBuilder> XML = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setExpandEntityReferences(false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler() { // report through the exception, not on stderr
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    @Test
    void everyRecordMatchesEvtxexport() throws Exception {
        Path data = Conformance.sharedDataOrSkip();
        String evtxexport = findEvtxexport();
        List<Path> files = Conformance.evtxFiles(data);
        assertFalse(files.isEmpty(), "no .evtx files under " + data);

        Tally tally = new Tally();
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Path f : files) {
                done.add(pool.submit(() -> {
                    compareFile(evtxexport, data, f, tally);
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String summary = tally.summary("evtxexport conformance");
        System.out.println(summary);
        tally.assertNone("evtxexport conformance");
    }

    /** The block-to-fields mapping itself, on a hand-written block (no shared data needed). */
    @Test
    void evtxexportBlocksMapToCanonicalFieldNames() throws Exception {
        String block = """
                <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
                  <System>
                    <Provider Name="MSSQLSERVER" Guid="{5770385F-C22A-43E0-BF4C-06F5698FFBD9}"/>
                    <EventID Qualifiers="49152">18456</EventID>
                    <TimeCreated SystemTime="2019-08-14T14:06:44.495674800Z"/>
                    <Correlation/>
                    <Channel/>
                  </System>
                  <EventData Name="TaskDisabled">
                    <Data Name="User">sa</Data>
                    <Data>one</Data>
                    <Data>two</Data>
                    <Data Name="Empty"/>
                    <Binary>184800</Binary>
                  </EventData>
                  <UserData>
                    <LogFileCleared xmlns="http://manifests.microsoft.com/win/2004/08/windows/eventlog">
                      <SubjectUserSid>S-1-5-18</SubjectUserSid>
                      <Nested><Leaf>x</Leaf></Nested>
                    </LogFileCleared>
                  </UserData>
                </Event>""";
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("Provider_Name", List.of("MSSQLSERVER"));
        expected.put("Provider_Guid", List.of("{5770385F-C22A-43E0-BF4C-06F5698FFBD9}"));
        expected.put("EventID_Qualifiers", List.of("49152"));
        expected.put("EventID", List.of("18456"));
        expected.put("TimeCreated_SystemTime", List.of("2019-08-14T14:06:44.495674800Z"));
        expected.put("EventData_Name", List.of("TaskDisabled"));
        expected.put("User", List.of("sa"));
        expected.put("Data", List.of("one", "two"));
        expected.put("Empty", List.of(""));
        expected.put("Binary", List.of("184800"));
        expected.put("SubjectUserSid", List.of("S-1-5-18"));
        expected.put("Leaf", List.of("x"));
        assertEquals(expected, fieldsOf(block));
    }

    /** Characters XML 1.0 forbids or rewrites reach the comparison exactly as evtxexport printed them. */
    @Test
    void xmlTransportKeepsControlCharactersAndLineEnds() throws Exception {
        String value = "\u0094\u0002-\r\n\u0085\u2028\t &amp; &lt;x&gt;";
        String block = "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><EventData>"
                + "<Data Name=\"PrivilegeList\">" + value + "</Data></EventData></Event>";
        assertEquals(Map.of("PrivilegeList", List.of("\u0094\u0002-\r\n\u0085\u2028\t & <x>")), fieldsOf(block));
    }

    private static void compareFile(String evtxexport, Path data, Path file, Tally tally) throws Exception {
        String name = data.relativize(file).toString();
        List<String> blocks = runEvtxexport(evtxexport, file);
        Ours ours = Conformance.readOurs(file);
        tally.files.increment();
        if (ours.events().size() != blocks.size()) {
            tally.mismatch(new Mismatch(name, "-", "(record count)", Integer.toString(ours.events().size()),
                    blocks.size() + (ours.problems().isEmpty() ? "" : "; our reader reported " + ours.problems())));
        }
        int n = Math.min(ours.events().size(), blocks.size());
        for (int i = 0; i < n; i++) {
            Event e = ours.events().get(i);
            Map<String, List<String>> theirs;
            try {
                theirs = fieldsOf(blocks.get(i));
            } catch (SAXException ex) {
                tally.mismatch(new Mismatch(name, "#" + i, "(evtxexport XML)", null, "unparseable: " + ex.getMessage()));
                continue;
            }
            List<String> id = theirs.get("EventRecordID");
            tally.compare(name, id == null ? "#" + i : id.get(0), Conformance.fields(e), theirs, EVTXEXPORT);
        }
    }

    /** Runs {@code evtxexport -f xml FILE} and returns its {@code <Event>} blocks in order. */
    static List<String> runEvtxexport(String evtxexport, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(evtxexport, "-f", "xml", file.toString()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = readAll(p.getInputStream());
        int rc = p.waitFor();
        if (rc != 0) {
            fail("evtxexport exited with " + rc + " on " + file + ": " + new String(err.join(), StandardCharsets.UTF_8));
        }
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(out)).toString();
        List<String> blocks = new ArrayList<>();
        Matcher m = EVENT_BLOCK.matcher(text);
        while (m.find()) {
            blocks.add(m.group());
        }
        return blocks;
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The canonical fields of one evtxexport {@code <Event>} block: System element text as {@code E}
     * and attributes as {@code E_A}; EventData {@code <Data Name="X">} as {@code X}, unnamed
     * {@code <Data>} as {@code Data}, {@code <Binary>} as {@code Binary}; other sections (UserData,
     * ProcessingErrorData) by leaf element name. Attributes the canonical form has no field for are
     * kept as {@code element@attribute} so that they show up as differences rather than vanish.
     */
    static Map<String, List<String>> fieldsOf(String block) throws SAXException, IOException {
        Element root = XML.get().parse(new InputSource(new StringReader(xml11(block)))).getDocumentElement();
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Element section : childElements(root)) {
            switch (section.getLocalName()) {
                case "System" -> {
                    for (Element e : childElements(section)) {
                        attributes(e, e.getLocalName() + "_", out);
                        if (childElements(e).isEmpty() && !e.getTextContent().isEmpty()) {
                            Conformance.put(out, e.getLocalName(), e.getTextContent());
                        }
                    }
                }
                case "EventData" -> {
                    attributes(section, "EventData_", out);
                    for (Element e : childElements(section)) {
                        switch (e.getLocalName()) {
                            case "Data" -> {
                                Conformance.put(out, e.hasAttribute("Name") ? e.getAttribute("Name") : "Data",
                                        e.getTextContent());
                                for (Attr a : attributeList(e)) {
                                    if (!a.getName().equals("Name")) {
                                        Conformance.put(out, "Data@" + a.getName(), a.getValue());
                                    }
                                }
                            }
                            case "Binary" -> Conformance.put(out, "Binary", e.getTextContent());
                            default -> leaves(e, out);
                        }
                    }
                }
                default -> leaves(section, out);
            }
        }
        return out;
    }

    private static void leaves(Element e, Map<String, List<String>> out) {
        attributes(e, e.getLocalName() + "@", out);
        List<Element> children = childElements(e);
        if (children.isEmpty()) {
            Conformance.put(out, e.getLocalName(), e.getTextContent());
        } else {
            for (Element c : children) {
                leaves(c, out);
            }
        }
    }

    private static void attributes(Element e, String prefix, Map<String, List<String>> out) {
        for (Attr a : attributeList(e)) {
            Conformance.put(out, prefix + a.getLocalName(), a.getValue());
        }
    }

    /** Attributes other than namespace declarations. */
    private static List<Attr> attributeList(Element e) {
        List<Attr> out = new ArrayList<>();
        NamedNodeMap m = e.getAttributes();
        for (int i = 0; i < m.getLength(); i++) {
            Attr a = (Attr) m.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
                out.add(a);
            }
        }
        return out;
    }

    private static List<Element> childElements(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * evtxexport writes event values verbatim, including characters XML 1.0 does not allow (control
     * characters) and ones a parser would rewrite (CR, NEL, LINE SEPARATOR). This writes those as
     * character references in an XML 1.1 document, so that the parser hands back exactly the
     * characters evtxexport printed. NUL cannot be represented in XML at all and is left to fail.
     */
    static String xml11(String block) {
        StringBuilder sb = new StringBuilder(block.length() + 64).append("<?xml version=\"1.1\"?>");
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if ((c >= 0x01 && c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f) || c == 0x2028) {
                sb.append("&#x").append(Integer.toHexString(c)).append(';');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The evtxexport executable on PATH; fails (not skips) when it is missing, since CI installs it. */
    static String findEvtxexport() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "evtxexport"))) {
                return Path.of(dir, "evtxexport").toString();
            }
        }
        return fail("evtxexport not found on PATH; install it with `apt-get install libevtx-utils` (CI installs it)");
    }
}
