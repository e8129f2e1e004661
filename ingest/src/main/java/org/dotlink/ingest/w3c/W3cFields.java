package org.dotlink.ingest.w3c;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dotlink.core.FieldNames;

/**
 * One {@code #Fields:} directive: the names of the values on the data lines that follow it, in
 * order, interned once here so that building an event interns nothing. Immutable, so the blocks
 * parsed on other threads share it.
 */
final class W3cFields {

    /** W3C prefixes that may carry a header name in parentheses: {@code cs(User-Agent)}. */
    private static final Set<String> HEADER_PREFIXES = Set.of("c", "s", "r", "cs", "sc", "sr", "rs", "x");

    /** Line number of the {@code #Fields:} directive. */
    final long line;
    /** The field names as the directive writes them, interned. */
    final String[] names;
    /**
     * Per field, the Sigma {@code webserver} taxonomy name of a header field ({@code cs(User-Agent)}
     * → {@code cs-user-agent}), interned, or null. The value is then stored under both names.
     */
    final String[] aliases;
    /** Index of the {@code date}, {@code time}, {@code s-computername} and {@code s-ip} fields, or -1. */
    final int date;
    final int time;
    final int computerName;
    final int serverIp;
    /** The date ({@code yyyy-MM-dd}) of the last {@code #Date:} directive, for lines without a date field. */
    final String directiveDate;
    /** Why the data lines under this directive cannot be read at all, or null when they can. */
    final String unreadable;
    /** Why no event under this directive gets {@code TimeCreated_SystemTime}, or null when they do. */
    final String noTime;

    private W3cFields(long line, String[] names, String[] aliases, String directiveDate, String unreadable) {
        this.line = line;
        this.names = names;
        this.aliases = aliases;
        this.directiveDate = directiveDate;
        this.unreadable = unreadable;
        this.date = indexOf(names, "date");
        this.time = indexOf(names, "time");
        this.computerName = indexOf(names, "s-computername");
        this.serverIp = indexOf(names, "s-ip");
        if (unreadable != null) {
            noTime = null;
        } else if (time < 0) {
            noTime = "the field list has no \"time\" field";
        } else if (date < 0 && directiveDate == null) {
            noTime = "the field list has no \"date\" field and no #Date directive came before it";
        } else {
            noTime = null;
        }
    }

    /** Parses the value of a {@code #Fields:} directive (the text after the colon). */
    static W3cFields parse(String list, long line, String directiveDate) {
        List<String> tokens = new ArrayList<>();
        for (String t : list.trim().split("[ \t]+")) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        String unreadable = null;
        if (tokens.isEmpty()) {
            unreadable = "the #Fields directive on line " + line + " names no fields";
        } else if (tokens.size() == 1 && tokens.get(0).indexOf(',') >= 0) {
            unreadable = "the #Fields directive on line " + line + " lists comma-separated fields (an Exchange-style"
                    + " CSV log); only space-separated W3C extended logs are read";
            tokens.clear();
        }
        String[] names = new String[tokens.size()];
        Set<String> raw = new HashSet<>(tokens);
        String[] aliases = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            String name = tokens.get(i);
            names[i] = FieldNames.intern(name);
            String alias = sigmaName(name);
            if (alias != null && !raw.contains(alias)) {
                aliases[i] = FieldNames.intern(alias);
            }
        }
        return new W3cFields(line, names, aliases, directiveDate, unreadable);
    }

    /** The same field list with the date of a later {@code #Date:} directive. */
    W3cFields withDirectiveDate(String newDate) {
        return new W3cFields(line, names, aliases, newDate, unreadable);
    }

    /**
     * Sigma's {@code webserver} taxonomy name for a W3C header field: the prefix, a hyphen and the
     * header name in lower case ({@code cs(User-Agent)} → {@code cs-user-agent},
     * {@code cs(Referer)} → {@code cs-referer}, {@code cs(Cookie)} → {@code cs-cookie}); null for
     * other names.
     */
    static String sigmaName(String name) {
        int open = name.indexOf('(');
        if (open <= 0 || open + 2 > name.length() - 1 || name.charAt(name.length() - 1) != ')') {
            return null;
        }
        String prefix = name.substring(0, open);
        if (!HEADER_PREFIXES.contains(prefix)) {
            return null;
        }
        String header = name.substring(open + 1, name.length() - 1);
        if (header.indexOf('(') >= 0 || header.indexOf(')') >= 0) {
            return null;
        }
        return prefix + "-" + header.toLowerCase(Locale.ROOT);
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
