package org.dotlink.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.dotlink.store.Column;
import org.dotlink.store.QueryResult;

/**
 * A query result as an aligned text table for people: the column names, a line of dashes under each,
 * then the rows; columns are two spaces apart, numbers aligned right, everything else left, and null
 * shown as {@code NULL}. Control characters in values (log fields are attacker-controlled and may hold
 * terminal escape sequences or line breaks) are shown escaped: {@code \n}, {@code \t}, {@code \r}, and
 * the others as a backslash, {@code u} and four hex digits (ESC as {@code \}{@code u001b}). Widths count
 * characters, so wide (East Asian) characters shift what follows them.
 */
public final class QueryTable {

    private QueryTable() {}

    public static void write(QueryResult result, PrintWriter out) {
        List<Column> columns = result.columns();
        int n = columns.size();
        if (n == 0) {
            return;
        }
        List<String[]> cells = new ArrayList<>();
        int[] width = new int[n];
        boolean[] right = new boolean[n];
        String[] header = new String[n];
        String[] dashes = new String[n];
        for (int i = 0; i < n; i++) {
            header[i] = visible(columns.get(i).name());
            width[i] = length(header[i]);
            right[i] = true;
        }
        for (List<Object> row : result.rows()) {
            String[] line = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = row.get(i);
                line[i] = v == null ? "NULL" : visible(ValueText.of(v));
                width[i] = Math.max(width[i], length(line[i]));
                if (v != null && !(v instanceof Number)) {
                    right[i] = false;
                }
            }
            cells.add(line);
        }
        for (int i = 0; i < n; i++) {
            dashes[i] = "-".repeat(width[i]);
        }
        line(out, header, width, right);
        line(out, dashes, width, right);
        for (String[] line : cells) {
            line(out, line, width, right);
        }
    }

    private static void line(PrintWriter out, String[] cells, int[] width, boolean[] right) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append("  ");
            }
            String pad = " ".repeat(width[i] - length(cells[i]));
            b.append(right[i] ? pad + cells[i] : cells[i] + pad);
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        b.setLength(end);
        out.print(b.append('\n'));
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The text with control characters (C0, DEL, C1) escaped. */
    static String visible(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (control && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b == null) {
                continue;
            }
            if (!control) {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\r') {
                b.append("\\r");
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? s : b.toString();
    }
}
