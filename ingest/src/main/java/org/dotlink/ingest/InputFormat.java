package org.dotlink.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.dotlink.ingest.evtx.EvtxReader;
import org.dotlink.ingest.json.JsonEventReader;
import org.dotlink.ingest.w3c.W3cReader;

/** The formats Dotlink reads, recognised from a file's first bytes (and its name where content is unclear). */
public enum InputFormat {
    /** Windows event log files (binary XML in 64 KiB chunks). */
    EVTX,
    /** W3C extended logs as IIS and Exchange write them. */
    W3C,
    /** Windows events exported as JSON (NXLog, Logstash, Winlogbeat, evtx_dump), lines, arrays or objects. */
    JSON;

    /**
     * Keys of which at least one appears near the start of every shape of exported Windows event, so
     * that other JSON files (configurations, reports) are skipped rather than read as events.
     */
    private static final String[] EVENT_KEYS = {"\"EventID\"", "\"event_id\"", "\"winlog\"", "\"Event\"",
        "\"winlog.event_id\"", "\"EventRecordID\"", "\"Channel\"", "\"SourceName\"", "\"log_name\"",
        "\"computer_name\"", "\"winlogbeat\""};

    /** Bytes needed from the start of a file to recognise its format. */
    public static final int SNIFF_BYTES = 4096;

    /**
     * The format of a file from its first bytes, or null when none is known. A file named
     * {@code .evtx} is taken as EVTX even when damaged, so that its damage is reported, not skipped.
     */
    public static InputFormat recognise(String fileName, byte[] head, int length) {
        if (EvtxReader.isEvtx(head, length) || fileName.toLowerCase(Locale.ROOT).endsWith(".evtx")) {
            return EVTX;
        }
        if (W3cReader.looksLikeW3c(head, length)) {
            return W3C;
        }
        if (JsonEventReader.looksLikeJson(head, length) && mentionsEventKey(head, length)) {
            return JSON;
        }
        return null;
    }

    private static boolean mentionsEventKey(byte[] head, int length) {
        String text = new String(head, 0, Math.min(length, head.length), StandardCharsets.ISO_8859_1);
        for (String key : EVENT_KEYS) {
            if (text.contains(key)) {
                return true;
            }
        }
        return false;
    }
}
