package org.dotlink.ingest.json;

/**
 * How records are laid out in a JSON file, recognised from its first non-whitespace bytes (after an
 * optional UTF-8 byte order mark).
 */
public enum JsonLayout {
    /** One object per line (NDJSON / JSON Lines): NXLog, Logstash, Winlogbeat file output, Mordor. */
    NDJSON,
    /** One top-level array of objects, possibly hundreds of MB, pretty-printed or on one line. */
    ARRAY,
    /** Objects one after another, pretty-printed over many lines each (evtx_dump's default output). */
    CONCATENATED;

    /**
     * The layout of a file starting with {@code head}: {@link #ARRAY} when it starts with '[';
     * {@link #NDJSON} when it starts with '{' and that object ends on its first line (or the line is
     * longer than {@code head}), or when the line after an unfinished first line starts with '{' (the
     * first line is broken); {@link #CONCATENATED} when the first object continues on the next line.
     * Null when the file is empty or blank, or does not start like JSON at all.
     */
    static JsonLayout detect(byte[] head, int length) {
        int l = scan(head, length, true);
        return l == NONE ? null : values()[l];
    }

    /** True when {@code head} holds enough to tell the layout (or that there is none) without guessing. */
    static boolean decided(byte[] head, int length) {
        return scan(head, length, false) != UNDECIDED;
    }

    private static final int NONE = -1;
    private static final int UNDECIDED = -2;

    /** A layout's ordinal, {@link #NONE}, or (only when not {@code complete}) {@link #UNDECIDED}. */
    private static int scan(byte[] head, int length, boolean complete) {
        int i = skipBlank(head, skipBom(head, length), length);
        if (i >= length) {
            return complete ? NONE : UNDECIDED;
        }
        if (head[i] == '[') {
            return ARRAY.ordinal();
        }
        if (head[i] != '{') {
            return NONE;
        }
        int end = objectOnLine(head, i, length);
        if (end >= 0 || end == BROKEN) {
            return NDJSON.ordinal(); // complete on its line; or a broken first line, which NDJSON reports
        }
        if (end == HEAD_ENDS) {
            return complete ? NDJSON.ordinal() : UNDECIDED;
        }
        // The first object goes on past its line: pretty-printed, unless the next line is an object of
        // its own at its first column (then the first line is a broken NDJSON line).
        int next = i;
        while (head[next] != '\n') {
            next++;
        }
        while (next < length && (head[next] == '\r' || head[next] == '\n')) {
            next++;
        }
        if (next >= length) {
            return complete ? CONCATENATED.ordinal() : UNDECIDED;
        }
        if (head[next] != '{') {
            return CONCATENATED.ordinal();
        }
        int second = objectOnLine(head, next, length);
        if (second == HEAD_ENDS) {
            return complete ? NDJSON.ordinal() : UNDECIDED;
        }
        return second == GOES_ON ? CONCATENATED.ordinal() : NDJSON.ordinal();
    }

    private static final int GOES_ON = -1;
    private static final int BROKEN = -2;
    private static final int HEAD_ENDS = -3;

    /**
     * For the object starting at {@code from}: the index after its end when it ends on this line;
     * {@link #GOES_ON} when a line feed comes first; {@link #BROKEN} when a line feed comes inside a
     * string (no JSON string holds one); {@link #HEAD_ENDS} when the head ends first.
     */
    private static int objectOnLine(byte[] head, int from, int length) {
        int depth = 0;
        boolean inString = false;
        boolean escape = false;
        for (int i = from; i < length; i++) {
            byte c = head[i];
            if (inString) {
                if (escape) {
                    escape = false;
                } else if (c == '\\') {
                    escape = true;
                } else if (c == '"') {
                    inString = false;
                } else if (c == '\n') {
                    return BROKEN;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (--depth == 0) {
                        return i + 1;
                    }
                }
                case '\n' -> {
                    return GOES_ON;
                }
                default -> { }
            }
        }
        return HEAD_ENDS;
    }

    /** Index past a UTF-8 byte order mark at the start, if any. */
    static int skipBom(byte[] b, int length) {
        return length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
    }

    /** Index of the first byte at or after {@code from} that is not JSON whitespace. */
    static int skipBlank(byte[] b, int from, int length) {
        int i = from;
        while (i < length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }
}
