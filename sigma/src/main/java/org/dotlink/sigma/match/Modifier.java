package org.dotlink.sigma.match;

import java.util.HashMap;
import java.util.Map;

/** The Sigma 2.1.0 value modifiers (appendix "Sigma Modifiers"). Names are matched exactly. */
public enum Modifier {
    ALL("all"),
    STARTSWITH("startswith"),
    ENDSWITH("endswith"),
    CONTAINS("contains"),
    EXISTS("exists"),
    CASED("cased"),
    NEQ("neq"),
    WINDASH("windash"),
    RE("re"),
    RE_I("i"),
    RE_M("m"),
    RE_S("s"),
    BASE64("base64"),
    BASE64OFFSET("base64offset"),
    UTF16LE("utf16le"),
    UTF16BE("utf16be"),
    UTF16("utf16"),
    WIDE("wide"),
    LT("lt"),
    LTE("lte"),
    GT("gt"),
    GTE("gte"),
    MINUTE("minute"),
    HOUR("hour"),
    DAY("day"),
    WEEK("week"),
    MONTH("month"),
    YEAR("year"),
    CIDR("cidr"),
    EXPAND("expand"),
    FIELDREF("fieldref");

    private static final Map<String, Modifier> BY_NAME = new HashMap<>();

    static {
        for (Modifier m : values()) {
            BY_NAME.put(m.sigmaName, m);
        }
    }

    private final String sigmaName;

    Modifier(String sigmaName) {
        this.sigmaName = sigmaName;
    }

    /** The modifier as written in rules. */
    public String sigmaName() {
        return sigmaName;
    }

    /** The modifier named {@code name}, or null when Sigma has no such modifier. */
    public static Modifier byName(String name) {
        return BY_NAME.get(name);
    }

    boolean isComparison() {
        return this == LT || this == LTE || this == GT || this == GTE;
    }

    boolean isTimePart() {
        return this == MINUTE || this == HOUR || this == DAY || this == WEEK || this == MONTH || this == YEAR;
    }
}
