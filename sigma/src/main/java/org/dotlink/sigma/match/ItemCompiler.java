package org.dotlink.sigma.match;

import static org.dotlink.sigma.match.Modifier.ALL;
import static org.dotlink.sigma.match.Modifier.BASE64;
import static org.dotlink.sigma.match.Modifier.BASE64OFFSET;
import static org.dotlink.sigma.match.Modifier.CASED;
import static org.dotlink.sigma.match.Modifier.CIDR;
import static org.dotlink.sigma.match.Modifier.CONTAINS;
import static org.dotlink.sigma.match.Modifier.ENDSWITH;
import static org.dotlink.sigma.match.Modifier.EXISTS;
import static org.dotlink.sigma.match.Modifier.EXPAND;
import static org.dotlink.sigma.match.Modifier.FIELDREF;
import static org.dotlink.sigma.match.Modifier.NEQ;
import static org.dotlink.sigma.match.Modifier.RE;
import static org.dotlink.sigma.match.Modifier.RE_I;
import static org.dotlink.sigma.match.Modifier.RE_M;
import static org.dotlink.sigma.match.Modifier.RE_S;
import static org.dotlink.sigma.match.Modifier.STARTSWITH;
import static org.dotlink.sigma.match.Modifier.UTF16;
import static org.dotlink.sigma.match.Modifier.UTF16BE;
import static org.dotlink.sigma.match.Modifier.UTF16LE;
import static org.dotlink.sigma.match.Modifier.WIDE;
import static org.dotlink.sigma.match.Modifier.WINDASH;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.dotlink.sigma.match.regex.LazyDfa;
import org.dotlink.sigma.match.regex.RegexFactors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.dotlink.sigma.match.SigmaString.StringTest;

/**
 * Compiles Sigma detection items into {@link FieldMatcher}s. Holds the {@code expand} placeholder
 * values (name without the surrounding {@code %} to the values it stands for, each a Sigma string
 * that may hold wildcards); an instance is immutable and can compile any number of items.
 *
 * <p>Semantics (Sigma 2.1.0): strings match case-insensitively unless {@code cased}; {@code *} and
 * {@code ?} are wildcards, {@code \*}, {@code \?}, {@code \\} escapes; a list of values is OR unless
 * {@code all}; a field holding several values matches when any of them does; {@code null} matches an
 * absent or empty field. Transformation modifiers apply in the order written. A keyword item (no
 * field) matches when any value of any field of the event contains the value (an implicit
 * {@code contains}, as full-text search does) unless the item says {@code startswith}/{@code endswith}/
 * {@code contains}/{@code re} itself. With {@code neq} the field must be present and differ from every
 * listed value (the values are AND-linked).
 */
public final class ItemCompiler {

    private static final Set<Modifier> RE_MODS = EnumSet.of(RE, RE_I, RE_M, RE_S, ALL, NEQ, CASED);
    private static final Set<Modifier> CIDR_MODS = EnumSet.of(CIDR, ALL, NEQ);
    private static final Set<Modifier> FIELDREF_MODS = EnumSet.of(FIELDREF, CONTAINS, STARTSWITH, ENDSWITH, NEQ, CASED, ALL);
    private static final Set<Modifier> STRING_MODS = EnumSet.of(CONTAINS, STARTSWITH, ENDSWITH, ALL, WINDASH, BASE64,
            BASE64OFFSET, UTF16LE, UTF16BE, UTF16, WIDE, CASED, NEQ, EXPAND);
    private static final int MAX_EXPANSIONS = 10_000;
    /** From how many literals an item's plain contains or endswith values are tested by one automaton ({@link ManyLiterals}). */
    static final int MANY_LITERALS = 8;

    private final Map<String, List<String>> placeholders;

    public ItemCompiler(Map<String, List<String>> placeholders) {
        this.placeholders = placeholders == null ? Map.of() : new HashMap<>(placeholders);
    }

    /** Compiles an item whose key is written as in the rule: {@code Field|mod1|mod2}, or {@code |all} / "" for keywords. */
    public FieldMatcher compile(String key, Object value) {
        if (key == null) {
            return compile(null, List.of(), value);
        }
        String[] parts = key.split("\\|", -1);
        return compile(parts[0], Arrays.asList(parts).subList(1, parts.length), value);
    }

    /**
     * Compiles one item.
     *
     * @param field     the event field, or null / "" for a keyword search over all fields
     * @param modifiers the modifier names in the order written
     * @param value     String, Number, Boolean, null, or a List of those
     */
    public FieldMatcher compile(String field, List<String> modifiers, Object value) {
        String item = (field == null ? "" : field) + modifiers.stream().map(m -> "|" + m).collect(Collectors.joining());
        List<Modifier> mods = new ArrayList<>(modifiers.size());
        for (String name : modifiers) {
            Modifier m = Modifier.byName(name);
            if (m == null) {
                throw new MatchCompileException("Unknown Sigma modifier '" + name + "' in '" + item + "'");
            }
            mods.add(m);
        }
        Set<Modifier> set = mods.isEmpty() ? EnumSet.noneOf(Modifier.class) : EnumSet.copyOf(mods);
        boolean keyword = field == null || field.isEmpty();
        List<Object> values = valuesOf(value);
        if (values.isEmpty()) {
            throw new MatchCompileException("No value for '" + item + "'");
        }
        if (!set.contains(RE) && (set.contains(RE_I) || set.contains(RE_M) || set.contains(RE_S))) {
            throw new MatchCompileException("Modifiers 'i', 'm' and 's' are only valid with 're', in '" + item + "'");
        }
        Check[] groups;
        List<List<List<String>>> literals = new ArrayList<>();
        List<List<String>> contained = null;
        if (set.contains(EXISTS)) {
            groups = exists(item, set, keyword, values);
        } else if (set.contains(RE)) {
            groups = regex(item, set, values, literals);
        } else if (set.contains(CIDR)) {
            groups = cidr(item, set, values);
        } else if (set.stream().anyMatch(m -> m.isComparison() || m.isTimePart())) {
            groups = numeric(item, set, values);
        } else if (set.contains(FIELDREF)) {
            groups = fieldref(item, set, keyword, values);
        } else {
            StringChecks checks = strings(item, mods, set, keyword, values, literals);
            groups = checks.groups();
            contained = checks.contained();
        }
        // neq: "the field is different from the specified values", i.e. from every one of them
        boolean all = set.contains(ALL) || set.contains(NEQ);
        int cost = set.contains(RE) ? 3 : set.contains(CIDR) || set.contains(FIELDREF) || set.stream().anyMatch(
                m -> m.isComparison() || m.isTimePart()) ? 2 : 1;
        return keyword ? new KeywordItem(item, groups, all, fastPattern(Literals.ANY_FIELD, literals, values.size(), all))
                : new FieldItem(item, FieldNames.intern(field), groups, all, fastPattern(field, literals, values.size(), all),
                        contained == null ? null : new ContainedLiterals(FieldNames.intern(field), contained, all),
                        mods.isEmpty() ? wholeNumbers(item, values) : null, cost);
    }

    // ---------------------------------------------------------------- kinds of items

    private static Check[] exists(String item, Set<Modifier> set, boolean keyword, List<Object> values) {
        only(item, set, EnumSet.of(EXISTS), "exists");
        if (keyword) {
            throw new MatchCompileException("'exists' needs a field, in '" + item + "'");
        }
        if (values.size() != 1) {
            throw new MatchCompileException("'exists' takes one boolean, in '" + item + "'");
        }
        Object v = values.get(0);
        boolean want;
        if (v instanceof Boolean b) {
            want = b;
        } else if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            want = Boolean.parseBoolean(s);
        } else {
            throw new MatchCompileException("'exists' takes true or false, got '" + v + "' in '" + item + "'");
        }
        return new Check[] {(raw, e) -> (raw != null) == want};
    }

    private static Check[] regex(String item, Set<Modifier> set, List<Object> values, List<List<List<String>>> literals) {
        only(item, set, RE_MODS, "re");
        int flags = (set.contains(RE_I) ? Pattern.CASE_INSENSITIVE : 0)
                | (set.contains(RE_M) ? Pattern.MULTILINE : 0)
                | (set.contains(RE_S) ? Pattern.DOTALL : 0);
        boolean neq = set.contains(NEQ);
        Check[] groups = new Check[values.size()];
        Pattern[] patterns = new Pattern[values.size()];
        List<String> texts = new ArrayList<>();
        List<String> anyRequired = new ArrayList<>();
        for (int i = 0; i < groups.length; i++) {
            String text = text(item, values.get(i));
            Pattern p;
            try {
                p = Pattern.compile(text, flags);
            } catch (PatternSyntaxException ex) {
                throw new MatchCompileException("Invalid regular expression '" + text + "' in '" + item + "': "
                        + ex.getMessage(), ex);
            }
            patterns[i] = p;
            texts.add(text);
            List<String> required = RegexLiterals.required(text);
            if (anyRequired != null && required != null) {
                anyRequired.addAll(required);
            } else {
                anyRequired = null;
            }
            if (!neq) {
                // every literal set the parsed pattern needs, and the longest run of each top-level alternative
                List<List<String>> needs = RegexFactors.necessary(text, set.contains(RE_I), set.contains(RE_M), set.contains(RE_S));
                Set<List<String>> valueNeeds = new LinkedHashSet<>(needs == null ? List.of() : needs);
                if (required != null) {
                    valueNeeds.add(required);
                }
                if (!valueNeeds.isEmpty()) {
                    literals.add(List.copyOf(valueNeeds));
                }
            }
            // a table lookup per character; RE2/J only for what the automaton does not run
            LazyDfa dfa = LazyDfa.compile(text, set.contains(RE_I), set.contains(RE_M), set.contains(RE_S));
            StringTest t = dfa == null ? s -> p.matcher(s).find() : s -> {
                int found = dfa.find(s);
                return found == LazyDfa.UNKNOWN ? p.matcher(s).find() : found == LazyDfa.MATCH;
            };
            StringTest tested = requiring(required, t);
            groups[i] = neq ? negated(tested) : anyValue(tested);
        }
        if (!neq && !set.contains(ALL) && patterns.length > 1) {
            // any of several patterns: one automaton for their alternation reads the text once, not once each
            String alternation = texts.stream().map(t -> "(?:" + t + ")").collect(Collectors.joining("|"));
            LazyDfa dfa = LazyDfa.compile(alternation, set.contains(RE_I), set.contains(RE_M), set.contains(RE_S));
            if (dfa != null) {
                StringTest t = s -> {
                    int found = dfa.find(s);
                    if (found != LazyDfa.UNKNOWN) {
                        return found == LazyDfa.MATCH;
                    }
                    for (Pattern p : patterns) {
                        if (p.matcher(s).find()) {
                            return true;
                        }
                    }
                    return false;
                };
                return new Check[] {anyValue(requiring(anyRequired, t))};
            }
        }
        return groups;
    }

    /** The test, after a search for one of the literals every match needs (null: none known), far faster than an automaton. */
    private static StringTest requiring(List<String> literals, StringTest t) {
        if (literals == null) {
            return t;
        }
        StringTest any = anyOf(literals.stream().distinct().map(l -> SigmaString.literal(l).withStars(true, true)
                .compile(false)).toArray(StringTest[]::new));
        return s -> any.test(s) && t.test(s);
    }

    private static Check[] cidr(String item, Set<Modifier> set, List<Object> values) {
        only(item, set, CIDR_MODS, "cidr");
        boolean neq = set.contains(NEQ);
        IpNetwork[] nets = new IpNetwork[values.size()];
        for (int i = 0; i < nets.length; i++) {
            Object v = values.get(i);
            if (!(v instanceof String s)) {
                throw new MatchCompileException("'cidr' takes a network such as 10.0.0.0/8, got '" + v + "' in '" + item + "'");
            }
            try {
                nets[i] = IpNetwork.parse(s);
            } catch (IllegalArgumentException ex) {
                throw new MatchCompileException("Invalid CIDR in '" + item + "': " + ex.getMessage(), ex);
            }
        }
        if (!neq && !set.contains(ALL)) {
            // any of the networks: one check that parses the event's address once, not once per network
            StringTest inAny = s -> {
                byte[] address = IpNetwork.parseAddress(s.trim());
                for (IpNetwork net : nets) {
                    if (net.contains(address)) {
                        return true;
                    }
                }
                return false;
            };
            return new Check[] {anyValue(inAny)};
        }
        Check[] groups = new Check[nets.length];
        for (int i = 0; i < groups.length; i++) {
            StringTest t = nets[i]::contains;
            groups[i] = neq ? negated(t) : anyValue(t);
        }
        return groups;
    }

    private static Check[] numeric(String item, Set<Modifier> set, List<Object> values) {
        Set<Modifier> allowed = EnumSet.of(ALL, NEQ);
        Modifier cmp = null;
        Modifier part = null;
        for (Modifier m : set) {
            if (m.isComparison()) {
                if (cmp != null) {
                    throw new MatchCompileException("Conflicting modifiers '" + cmp.sigmaName() + "' and '"
                            + m.sigmaName() + "' in '" + item + "'");
                }
                cmp = m;
                allowed.add(m);
            } else if (m.isTimePart()) {
                if (part != null) {
                    throw new MatchCompileException("Conflicting modifiers '" + part.sigmaName() + "' and '"
                            + m.sigmaName() + "' in '" + item + "'");
                }
                part = m;
                allowed.add(m);
            }
        }
        only(item, set, allowed, cmp != null ? cmp.sigmaName() : part.sigmaName());
        boolean neq = set.contains(NEQ);
        if (neq && cmp != null) {
            throw new MatchCompileException("'neq' cannot be combined with '" + cmp.sigmaName() + "' in '" + item + "'");
        }
        Check[] groups = new Check[values.size()];
        for (int i = 0; i < groups.length; i++) {
            Object v = values.get(i);
            BigDecimal threshold = number(v);
            if (threshold == null) {
                throw new MatchCompileException("'" + (cmp != null ? cmp : part).sigmaName() + "' needs a number, got '"
                        + v + "' in '" + item + "'");
            }
            Modifier op = cmp;
            NumberTest nt = new NumberTest(threshold);
            Modifier timePart = part;
            StringTest t;
            if (timePart != null) {
                t = s -> {
                    int x = timePart(s, timePart);
                    return x >= 0 && holds(op, nt.compareLong(x));
                };
            } else {
                t = s -> {
                    int c = nt.compare(s);
                    return c != NumberTest.NOT_A_NUMBER && holds(op, c);
                };
            }
            groups[i] = neq ? negated(t) : anyValue(t);
        }
        return groups;
    }

    private static Check[] fieldref(String item, Set<Modifier> set, boolean keyword, List<Object> values) {
        only(item, set, FIELDREF_MODS, "fieldref");
        if (keyword) {
            throw new MatchCompileException("'fieldref' needs a field, in '" + item + "'");
        }
        if (set.contains(STARTSWITH) && set.contains(ENDSWITH) || set.contains(CONTAINS)
                && (set.contains(STARTSWITH) || set.contains(ENDSWITH))) {
            throw new MatchCompileException("Only one of 'contains', 'startswith', 'endswith' with 'fieldref', in '"
                    + item + "'");
        }
        Modifier mode = set.contains(CONTAINS) ? CONTAINS : set.contains(STARTSWITH) ? STARTSWITH
                : set.contains(ENDSWITH) ? ENDSWITH : null;
        boolean cased = set.contains(CASED);
        boolean neq = set.contains(NEQ);
        Check[] groups = new Check[values.size()];
        for (int i = 0; i < groups.length; i++) {
            Object v = values.get(i);
            if (!(v instanceof String other) || other.isEmpty()) {
                throw new MatchCompileException("'fieldref' takes a field name, got '" + v + "' in '" + item + "'");
            }
            groups[i] = (raw, e) -> {
                Object ref = e.raw(other);
                if (raw == null || ref == null) {
                    return false;
                }
                boolean hit = anyPair(raw, ref, mode, cased);
                return neq != hit;
            };
        }
        return groups;
    }

    /**
     * The item's necessary literals, as groups an event must hold a literal of each of: with {@code all},
     * every value's groups; with one value, its groups; otherwise one group, the union of each value's
     * most selective group, or none when a value has none.
     *
     * @param perValue for each value that has some, its groups (values without are absent)
     */
    private static List<Literals> fastPattern(String field, List<List<List<String>>> perValue, int values, boolean all) {
        if (perValue.isEmpty() || (!all && perValue.size() < values)) {
            return List.of();
        }
        if (all || values == 1) {
            Set<Literals> groups = new LinkedHashSet<>();
            perValue.forEach(value -> value.forEach(g -> groups.add(new Literals(field, g))));
            return List.copyOf(groups);
        }
        Set<String> union = new LinkedHashSet<>();
        for (List<List<String>> groups : perValue) {
            union.addAll(groups.stream().max(Comparator.comparingInt(g -> new Literals(field, g).shortest())).orElseThrow());
        }
        return List.of(new Literals(field, List.copyOf(union)));
    }

    /** A strings item's checks, and each value's literals when every value is a plain case-insensitive contains. */
    private record StringChecks(Check[] groups, List<List<String>> contained) {}

    private StringChecks strings(String item, List<Modifier> mods, Set<Modifier> set, boolean keyword, List<Object> values,
                                 List<List<List<String>>> literals) {
        only(item, set, STRING_MODS, null);
        boolean cased = set.contains(CASED);
        boolean neq = set.contains(NEQ);
        boolean positional = set.contains(CONTAINS) || set.contains(STARTSWITH) || set.contains(ENDSWITH);
        Check[] groups = new Check[values.size()];
        // each value's literals while every value is a plain case-insensitive contains, or endswith (for one automaton)
        List<List<String>> contained = !keyword && !cased && !neq ? new ArrayList<>() : null;
        List<List<String>> endings = contained == null ? null : new ArrayList<>();
        for (int i = 0; i < groups.length; i++) {
            Object v = values.get(i);
            if (v == null) {
                contained = null;
                endings = null;
                if (keyword) {
                    throw new MatchCompileException("A keyword cannot be null, in '" + item + "'");
                }
                groups[i] = neq ? (raw, e) -> !isNullOrEmpty(raw) : (raw, e) -> isNullOrEmpty(raw);
                continue;
            }
            String raw = text(item, v);
            List<String> raws = set.contains(EXPAND) ? expand(item, raw) : List.of(raw);
            List<Object> alts = new ArrayList<>(raws.size());
            for (String r : raws) {
                alts.add(SigmaString.parse(r));
            }
            for (Modifier m : mods) {
                alts = apply(item, m, alts);
            }
            List<StringTest> tests = new ArrayList<>(alts.size());
            List<String> valueLiterals = new ArrayList<>(alts.size());
            for (Object a : alts) {
                if (!(a instanceof SigmaString s)) {
                    throw new MatchCompileException("An encoding modifier must be followed by 'base64' or 'base64offset', in '"
                            + item + "'");
                }
                if (keyword && !positional) {
                    s = s.withStars(true, true);
                }
                tests.add(s.compile(cased));
                valueLiterals.add(s.longestLiteral());
                contained = collect(contained, i, s.containedLiteral());
                endings = collect(endings, i, s.endingLiteral());
            }
            if (!neq && !valueLiterals.contains("")) {
                literals.add(List.of(valueLiterals));
            }
            StringTest t = tests.size() == 1 ? tests.get(0) : anyOf(tests.toArray(new StringTest[0]));
            groups[i] = neq ? negated(t) : anyValue(t);
        }
        if (contained != null && contained.stream().mapToInt(List::size).sum() >= MANY_LITERALS) {
            return new StringChecks(new Check[] {new ManyLiterals(contained, set.contains(ALL), false)}, contained);
        }
        if (endings != null && endings.stream().mapToInt(List::size).sum() >= MANY_LITERALS) {
            return new StringChecks(new Check[] {new ManyLiterals(endings, set.contains(ALL), true)}, null);
        }
        return new StringChecks(groups, contained);
    }

    /** Adds value i's folded literal to {@code perValue}; null when the value gave none (or there was no list). */
    private static List<List<String>> collect(List<List<String>> perValue, int i, String literal) {
        if (literal == null || perValue == null) {
            return null;
        }
        if (perValue.size() == i) {
            perValue.add(new ArrayList<>());
        }
        perValue.get(i).add(Literals.fold(literal));
        return perValue;
    }

    /**
     * Values that are all plain contains, or all plain endswith, many of them (lists of tool names, cmdlets,
     * paths, DLL names): one pass of an automaton over the field's text finds every one present (or, for
     * endswith, every one the text ends with: the literals found at its last character), where a test per
     * value reads the text once per value. True when one value is present, or with {@code all} when each of
     * them is. The automaton is built on first use (most rules never meet a candidate event).
     */
    private static final class ManyLiterals implements Check {
        private final List<List<String>> perValue;
        private final boolean all;
        private final boolean atEnd;
        private volatile LiteralAutomaton automaton;

        ManyLiterals(List<List<String>> perValue, boolean all, boolean atEnd) {
            this.perValue = perValue;
            this.all = all;
            this.atEnd = atEnd;
        }

        @Override
        public boolean test(Object raw, Event e) {
            if (raw == null) {
                return false;
            }
            LiteralAutomaton a = automaton();
            LiteralAutomaton.Found found = new LiteralAutomaton.Found();
            if (raw instanceof String s) {
                find(a, s, found);
            } else {
                for (String s : (String[]) raw) {
                    find(a, s, found);
                }
            }
            if (!all) {
                return found.count() > 0;
            }
            BitSet present = new BitSet(perValue.size());
            for (int k = 0; k < found.count(); k++) {
                present.set(found.id(k));
            }
            return present.cardinality() == perValue.size();
        }

        private void find(LiteralAutomaton a, String s, LiteralAutomaton.Found found) {
            if (atEnd) {
                a.endings(s, found);
            } else {
                a.scan(s, found);
            }
        }

        private LiteralAutomaton automaton() {
            LiteralAutomaton a = automaton;
            if (a == null) {
                synchronized (this) {
                    a = automaton;
                    if (a == null) {
                        Map<String, List<Integer>> byLiteral = new LinkedHashMap<>();
                        for (int v = 0; v < perValue.size(); v++) {
                            for (String l : perValue.get(v)) {
                                byLiteral.computeIfAbsent(l, k -> new ArrayList<>()).add(v);
                            }
                        }
                        a = new LiteralAutomaton(new ArrayList<>(byLiteral.keySet()),
                                byLiteral.values().stream().map(ids -> ids.stream().mapToInt(Integer::intValue).toArray()).toList());
                        automaton = a;
                    }
                }
            }
            return a;
        }
    }

    // ---------------------------------------------------------------- value transformations

    private static List<Object> apply(String item, Modifier m, List<Object> alts) {
        List<Object> out = new ArrayList<>(alts.size());
        for (Object a : alts) {
            switch (m) {
                case CONTAINS -> out.add(str(item, m, a).withStars(true, true));
                case STARTSWITH -> out.add(str(item, m, a).withStars(false, true));
                case ENDSWITH -> out.add(str(item, m, a).withStars(true, false));
                case WINDASH -> out.addAll(str(item, m, a).windash());
                case BASE64 -> out.add(SigmaString.literal(Base64.getEncoder().encodeToString(bytes(item, m, a))));
                case BASE64OFFSET -> out.addAll(base64offset(item, bytes(item, m, a)));
                case UTF16LE, WIDE -> out.add(plain(item, m, a).getBytes(StandardCharsets.UTF_16LE));
                case UTF16BE -> out.add(plain(item, m, a).getBytes(StandardCharsets.UTF_16BE));
                case UTF16 -> {
                    byte[] le = plain(item, m, a).getBytes(StandardCharsets.UTF_16LE);
                    byte[] withBom = new byte[le.length + 2];
                    withBom[0] = (byte) 0xFF;
                    withBom[1] = (byte) 0xFE;
                    System.arraycopy(le, 0, withBom, 2, le.length);
                    out.add(withBom);
                }
                default -> out.add(a); // all, cased, neq, expand: not transformations of the value
            }
        }
        return out;
    }

    /** The three shifted encodings of {@code data}, each trimmed to the characters that do not depend on its neighbours. */
    private static List<SigmaString> base64offset(String item, byte[] data) {
        int[] start = {0, 2, 3};
        int[] endTrim = {0, 3, 2};
        List<SigmaString> out = new ArrayList<>(3);
        for (int shift = 0; shift < 3; shift++) {
            byte[] padded = new byte[data.length + shift];
            Arrays.fill(padded, 0, shift, (byte) ' ');
            System.arraycopy(data, 0, padded, shift, data.length);
            String enc = Base64.getEncoder().encodeToString(padded);
            int end = enc.length() - endTrim[(data.length + shift) % 3];
            if (start[shift] < end) {
                out.add(SigmaString.literal(enc.substring(start[shift], end)));
            }
        }
        if (out.isEmpty()) {
            throw new MatchCompileException("'base64offset' of an empty value, in '" + item + "'");
        }
        return out;
    }

    private static SigmaString str(String item, Modifier m, Object a) {
        if (a instanceof SigmaString s) {
            return s;
        }
        throw new MatchCompileException("'" + m.sigmaName() + "' cannot follow an encoding modifier, in '" + item + "'");
    }

    private static String plain(String item, Modifier m, Object a) {
        SigmaString s = str(item, m, a);
        if (!s.isPlain()) {
            throw new MatchCompileException("'" + m.sigmaName() + "' cannot encode a value with wildcards ('" + s
                    + "'), in '" + item + "'");
        }
        return s.text;
    }

    private static byte[] bytes(String item, Modifier m, Object a) {
        return a instanceof byte[] b ? b : plain(item, m, a).getBytes(StandardCharsets.UTF_8);
    }

    /** Expands {@code %name%} placeholders into every combination of their values; {@code \%} is a plain percent. */
    private List<String> expand(String item, String raw) {
        List<StringBuilder> outs = new ArrayList<>(List.of(new StringBuilder()));
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(i + 1);
                if (next == '%') {
                    outs.forEach(sb -> sb.append('%'));
                    i += 2;
                    continue;
                }
                if (next == '\\') { // an escaped backslash stays escaped for the wildcard parser
                    outs.forEach(sb -> sb.append("\\\\"));
                    i += 2;
                    continue;
                }
            }
            int end = c == '%' ? raw.indexOf('%', i + 1) : -1;
            if (end > i + 1 && isPlaceholderName(raw, i + 1, end)) {
                String name = raw.substring(i + 1, end);
                List<String> vals = placeholders.get(name);
                if (vals == null || vals.isEmpty()) {
                    throw new MatchCompileException("Placeholder '%" + name + "%' has no values, in '" + item + "'");
                }
                if ((long) outs.size() * vals.size() > MAX_EXPANSIONS) {
                    throw new MatchCompileException("Placeholder expansion exceeds " + MAX_EXPANSIONS
                            + " values, in '" + item + "'");
                }
                List<StringBuilder> next = new ArrayList<>(outs.size() * vals.size());
                for (StringBuilder sb : outs) {
                    for (String v : vals) {
                        next.add(new StringBuilder(sb).append(v));
                    }
                }
                outs = next;
                i = end + 1;
                continue;
            }
            outs.forEach(sb -> sb.append(c));
            i++;
        }
        return outs.stream().map(StringBuilder::toString).toList();
    }

    // ---------------------------------------------------------------- helpers

    /** Placeholder names are letters, digits, '_' and '-'; any other '%' is a plain character. */
    private static boolean isPlaceholderName(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static void only(String item, Set<Modifier> set, Set<Modifier> allowed, String with) {
        for (Modifier m : set) {
            if (!allowed.contains(m)) {
                throw new MatchCompileException("Modifier '" + m.sigmaName() + "' cannot be combined with "
                        + (with == null ? "string matching" : "'" + with + "'") + ", in '" + item + "'");
            }
        }
    }

    /**
     * The values of a plain equality item as numbers, when every one is a whole decimal number of at most nine
     * digits ({@code EventID: 4625}, {@code EventID: '4688'}); null otherwise. A field equal to one of them,
     * read as a number, is that number: a digit has no other case.
     */
    private static int[] wholeNumbers(String item, List<Object> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = values.get(i);
            if (v == null || v instanceof Boolean) {
                return null;
            }
            String s = text(item, v);
            if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            out[i] = Integer.parseInt(s);
        }
        return out;
    }

    private static List<Object> valuesOf(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value instanceof Object[] array) {
            return new ArrayList<>(Arrays.asList(array));
        }
        List<Object> one = new ArrayList<>(1);
        one.add(value);
        return one;
    }

    /** A scalar as the string Sigma compares: numbers in plain decimal, booleans as true/false. */
    static String text(String item, Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof Byte || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof Number n) {
            BigDecimal d = number(n);
            if (d != null) {
                d = d.stripTrailingZeros();
                return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
            }
        }
        throw new MatchCompileException("Unsupported value '" + v + "' (" + (v == null ? "null" : v.getClass().getSimpleName())
                + ") in '" + item + "'");
    }

    private static BigDecimal number(Object v) {
        try {
            if (v instanceof BigDecimal d) {
                return d;
            }
            if (v instanceof Number n) {
                return new BigDecimal(n.toString());
            }
            if (v instanceof String s) {
                return new BigDecimal(s.trim());
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static boolean holds(Modifier op, int c) {
        if (op == null) {
            return c == 0;
        }
        return switch (op) {
            case LT -> c < 0;
            case LTE -> c <= 0;
            case GT -> c > 0;
            case GTE -> c >= 0;
            default -> throw new IllegalStateException(op.toString());
        };
    }

    /** The part of an ISO-8601 date/time ({@code 2024-03-05T14:07:09Z}, a space also separates) or -1. */
    static int timePart(String s, Modifier part) {
        if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return -1;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return -1;
        }
        switch (part) {
            case YEAR:
                return year;
            case MONTH:
                return month;
            case DAY:
                return day;
            case WEEK:
                try {
                    return LocalDate.of(year, month, day).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                } catch (DateTimeException e) {
                    return -1;
                }
            default:
                break;
        }
        if (s.length() < 16 || "Tt ".indexOf(s.charAt(10)) < 0 || s.charAt(13) != ':') {
            return -1;
        }
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return -1;
        }
        return part == Modifier.HOUR ? hour : minute;
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isNullOrEmpty(Object raw) {
        if (raw == null) {
            return true;
        }
        if (raw instanceof String s) {
            return s.isEmpty();
        }
        for (String s : (String[]) raw) {
            if (s.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyPair(Object raw, Object ref, Modifier mode, boolean cased) {
        if (raw instanceof String a) {
            return anyRef(a, ref, mode, cased);
        }
        for (String a : (String[]) raw) {
            if (anyRef(a, ref, mode, cased)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyRef(String a, Object ref, Modifier mode, boolean cased) {
        if (ref instanceof String b) {
            return compareRef(a, b, mode, cased);
        }
        for (String b : (String[]) ref) {
            if (compareRef(a, b, mode, cased)) {
                return true;
            }
        }
        return false;
    }

    private static boolean compareRef(String a, String b, Modifier mode, boolean cased) {
        if (mode == null) {
            return cased ? a.equals(b) : a.equalsIgnoreCase(b);
        }
        int m = b.length();
        return switch (mode) {
            case STARTSWITH -> a.regionMatches(!cased, 0, b, 0, m);
            case ENDSWITH -> a.length() >= m && a.regionMatches(!cased, a.length() - m, b, 0, m);
            default -> {
                for (int i = 0; i <= a.length() - m; i++) {
                    if (a.regionMatches(!cased, i, b, 0, m)) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    private static StringTest anyOf(StringTest[] tests) {
        return s -> {
            for (StringTest t : tests) {
                if (t.test(s)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Any value of the field passes {@code t}; an absent field never does. */
    private static Check anyValue(StringTest t) {
        return (raw, e) -> {
            if (raw instanceof String s) {
                return t.test(s);
            }
            if (raw instanceof String[] many) {
                for (String s : many) {
                    if (t.test(s)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    /** {@code neq}: the field is present and none of its values passes {@code t}. */
    private static Check negated(StringTest t) {
        Check any = anyValue(t);
        return (raw, e) -> raw != null && !any.test(raw, e);
    }

    /** One value (or one OR-group a value expanded into) tested against a field's raw value. */
    @FunctionalInterface
    private interface Check {
        boolean test(Object raw, Event e);
    }

    /** Numeric comparison of event values with one threshold; long fast path, BigDecimal otherwise. */
    private static final class NumberTest {
        static final int NOT_A_NUMBER = Integer.MIN_VALUE;
        private final BigDecimal threshold;
        private final boolean isLong;
        private final long asLong;

        NumberTest(BigDecimal threshold) {
            this.threshold = threshold;
            long l = 0;
            boolean exact;
            try {
                l = threshold.longValueExact();
                exact = true;
            } catch (ArithmeticException e) {
                exact = false;
            }
            this.isLong = exact;
            this.asLong = l;
        }

        int compareLong(long v) {
            return isLong ? Long.compare(v, asLong) : BigDecimal.valueOf(v).compareTo(threshold);
        }

        int compare(String s) {
            int n = s.length();
            if (n > 0 && n < 19) {
                int i = s.charAt(0) == '-' ? 1 : 0;
                long v = 0;
                boolean ok = i < n;
                for (; i < n && ok; i++) {
                    char c = s.charAt(i);
                    ok = c >= '0' && c <= '9';
                    v = v * 10 + (c - '0');
                }
                if (ok) {
                    return compareLong(s.charAt(0) == '-' ? -v : v);
                }
            }
            try {
                return new BigDecimal(s.trim()).compareTo(threshold);
            } catch (NumberFormatException e) {
                return NOT_A_NUMBER;
            }
        }
    }

    private record FieldItem(String item, String field, Check[] groups, boolean all, List<Literals> literals,
                             ContainedLiterals contained, int[] wholeNumbers, int cost) implements FieldMatcher {
        @Override
        public int[] equalNumbers(String canonicalField) {
            return field == canonicalField && wholeNumbers != null ? wholeNumbers.clone() : null;
        }

        @Override
        public boolean matches(Event e) {
            Object raw = e.rawInterned(field);
            for (Check g : groups) {
                if (g.test(raw, e) != all) {
                    return !all;
                }
            }
            return all;
        }

        @Override
        public String toString() {
            return item;
        }
    }

    private record KeywordItem(String item, Check[] groups, boolean all, List<Literals> literals) implements FieldMatcher {
        @Override
        public int cost() {
            return 3; // every field of the event
        }

        @Override
        public boolean matches(Event e) {
            int n = e.fieldCount();
            for (Check g : groups) {
                boolean hit = false;
                for (int i = 0; i < n && !hit; i++) {
                    hit = g.test(e.fieldValue(i), e);
                }
                if (hit != all) {
                    return !all;
                }
            }
            return all;
        }

        @Override
        public String toString() {
            return item.isEmpty() ? "<keywords>" : item;
        }
    }
}
