package org.dotlink.cli.hunt;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.dotlink.core.Finding;

/**
 * {@code timeline.csv}: one row per finding, sorted by time (RFC 4180 quoting), with the columns
 * Timestamp, Computer, Channel, EventID, Level, RuleTitle, RuleID, Techniques, Tactics, RecordID,
 * Details, Source. Details holds the event's key fields, short, as {@code Name: value ¦ Name: value}.
 */
public final class Timeline {

    static final String HEADER = "Timestamp,Computer,Channel,EventID,Level,RuleTitle,RuleID,Techniques,Tactics,RecordID,"
            + "Details,Source";

    /** The fields worth showing first, in this order; others are not shown. */
    private static final List<String> KEY_FIELDS = List.of("CommandLine", "Image", "ParentImage", "ParentCommandLine",
            "NewProcessName", "ParentProcessName", "TargetFilename", "ImageLoaded", "SourceImage", "TargetImage",
            "GrantedAccess", "TargetObject", "Details", "ServiceName", "ImagePath", "TaskName", "TargetUserName",
            "SubjectUserName", "User", "LogonType", "IpAddress", "WorkstationName", "SourceIp", "DestinationIp",
            "DestinationPort", "QueryName", "PipeName", "ShareName", "RelativeTargetName", "MemberSid", "TargetSid",
            "ScriptBlockText", "cs-method", "cs-uri-stem", "cs-uri-query", "c-ip", "cs-username", "cs(Cookie)",
            "cs(User-Agent)", "sc-status");
    /** Each key field's canonical name ({@link FieldNames#intern}) → its place in {@link #KEY_FIELDS}. */
    private static final Map<String, Integer> KEY_ORDER = new IdentityHashMap<>();

    static {
        for (int i = 0; i < KEY_FIELDS.size(); i++) {
            KEY_ORDER.put(FieldNames.intern(KEY_FIELDS.get(i)), i);
        }
    }

    private static final int MAX_VALUE = 200;
    private static final int MAX_DETAILS = 600;

    /** One row, kept until the file is written in time order. */
    record Row(String time, String csv) {}

    private final List<Row> rows = new ArrayList<>();

    /** Adds the finding's row (called in input order; rows are sorted by time when written). */
    public void add(Finding f) {
        add(f, row(f));
    }

    /** Adds the finding with its row already made by {@link #row} (on a worker thread, say). */
    public void add(Finding f, String csvRow) {
        rows.add(new Row(f.detection().time(), csvRow));
    }

    /** Writes the rows sorted by time (stable: equal times keep input order). */
    public void write(Path file) throws IOException {
        rows.sort(Comparator.comparing(Row::time));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write("\r\n");
            for (Row r : rows) {
                w.write(r.csv());
                w.write("\r\n");
            }
        }
    }

    /** The finding's CSV row, without line end. */
    public static String row(Finding f) {
        Detection d = f.detection();
        Event e = d.event();
        List<String> cells = new ArrayList<>();
        cells.add(d.time());
        cells.add(d.host());
        cells.add(e == null ? "" : e.channel());
        cells.add(e == null || e.eventId() < 0 ? "" : Integer.toString(e.eventId()));
        cells.add(f.level().label());
        cells.add(d.rule().title());
        cells.add(d.rule().id());
        cells.add(String.join(" ", d.rule().techniques()));
        cells.add(String.join(" ", d.rule().tactics()));
        cells.add(e == null || e.recordId() < 0 ? "" : Long.toString(e.recordId()));
        cells.add(details(d));
        cells.add(e != null ? e.source() : d.events().isEmpty() ? "" : d.events().get(0).source());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(cells.get(i)));
        }
        return sb.toString();
    }

    /** The key fields of the event, or for a correlation its group-by values and number of events. */
    static String details(Detection d) {
        StringBuilder sb = new StringBuilder();
        if (d.isCorrelation()) {
            d.groupBy().forEach((k, v) -> append(sb, k, v));
            append(sb, "events", Integer.toString(d.events().size()));
            return sb.toString();
        }
        // the event's fields once, each key field's value put in its place (a lookup per key field was a
        // tenth of a hunt with every rule)
        Event e = d.event();
        String[] values = new String[KEY_FIELDS.size()];
        for (int i = 0; i < e.fieldCount(); i++) {
            Integer at = KEY_ORDER.get(e.fieldName(i));
            if (at != null) {
                values[at] = e.fieldText(i);
            }
        }
        for (int k = 0; k < values.length; k++) {
            String v = values[k];
            if (v != null && !v.isEmpty() && !v.equals("-")) {
                append(sb, KEY_FIELDS.get(k), v);
                if (sb.length() >= MAX_DETAILS) {
                    return sb.substring(0, MAX_DETAILS) + "...";
                }
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, String value) {
        if (sb.length() > 0) {
            sb.append(" ¦ ");
        }
        String v = value.replace('\r', ' ').replace('\n', ' ');
        sb.append(name).append(": ").append(v.length() > MAX_VALUE ? v.substring(0, MAX_VALUE) + "..." : v);
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
    static String quote(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
