package org.dotlink.sigma.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.compile.VariantMatcher;
import org.dotlink.sigma.match.ContainedLiterals;
import org.dotlink.sigma.match.LiteralAutomaton;
import org.dotlink.sigma.match.Literals;

/**
 * Compiled rules indexed so that each event meets only the rules that can match it.
 *
 * <p>Two stages, as network IDS engines do it. First the kind of event: an event's (channel, event id)
 * selects the {@link Plan} holding only the rule variants written for that kind of event: those naming
 * its channel and event id, those naming its channel and no event id, and the rules whose logsource has
 * no mapping, together, so that each field is scanned once. A variant's event ids are its logsource's
 * and those its detection requires ({@code EventID: 4625} in every way the condition can hold,
 * {@link EventIds}), both when there are both. Then the fast pattern: each variant's groups
 * of necessary literals ({@link FastPattern}) go, per field, into one {@link LiteralAutomaton}; an event's
 * fields are scanned once, and only the variants with a literal of each of their groups seen, plus the
 * few that have none, are evaluated in full. Plans are built on first use and shared; the index is thread-safe, while a {@link Matcher}
 * (which holds scratch state) belongs to one thread.
 */
public final class RuleIndex {

    /**
     * One rule variant: the rule's position in the index, the variant compiled for the hot path, its fast
     * pattern, and the literals its contains items are decided by.
     */
    private record Entry(int rule, VariantMatcher matcher, List<List<Literals>> fastPattern, int firstSlot,
                         List<KnownLiteral> known) {}

    /** A literal of a contains item, looked for in its field by the plan's automaton and reported by its id. */
    private record KnownLiteral(String field, String literal, int id) {}

    private static final int MAX_CACHED_CHANNEL_SPELLINGS = 4096;
    private static final int MAX_CACHED_EVENT_IDS = 4096;
    /** The shortest literal a contains item decided by the automata may hold. */
    private static final int MIN_KNOWN_LENGTH = 3;
    /** Fields whose last value a matcher remembers (by hash of the name; a power of two). */
    private static final int LAST_VALUES = 512;

    private final List<CompiledRule> rules;
    private final List<Entry> entries = new ArrayList<>();
    /** Each fast-pattern group of each entry is a slot; the entry of each slot, and each entry's group count. */
    private final List<Integer> slotEntries = new ArrayList<>();
    private final int[] slotEntry;
    private final int[] groupCount;
    /**
     * Lower-cased channel → event id → the entries for events of that channel and id (key -1: for any id), by
     * the ids of the logsource and those the detection requires ({@link EventIds}); and for the variants of
     * unmapped logsources, event id → entries, whatever the channel.
     */
    private final Map<String, Map<Integer, List<Integer>>> byChannel = new HashMap<>();
    private final Map<Integer, List<Integer>> unmapped = new HashMap<>();
    /**
     * The same by the logsource's ids alone: for an event whose {@code EventID} holds several values, any of
     * which a detection's {@code EventID} item may match.
     */
    private final Map<String, Map<Integer, List<Integer>>> byChannelLogsourceIds = new HashMap<>();
    private final Map<Integer, List<Integer>> unmappedLogsourceIds = new HashMap<>();
    /** Lower-cased channel → its plans, built on first use. */
    private final Map<String, ChannelPlans> plansByChannel = new ConcurrentHashMap<>();
    /** Exact channel spelling as events write it → its plans, cached. */
    private final Map<String, ChannelPlans> bySpelling = new ConcurrentHashMap<>();
    private final ChannelPlans unmappedOnly;
    private final Map<AutomatonKey, LiteralAutomaton> automata = new ConcurrentHashMap<>();
    /** Field → folded literal → id, for the literals of contains items decided by the automata. */
    private final Map<String, Map<String, Integer>> knownIds = new HashMap<>();
    private int knownCount;
    private final Stats stats;

    public RuleIndex(List<CompiledRule> rules) {
        this.rules = List.copyOf(rules);
        int withPattern = 0;
        // the fields some fast pattern scans: a contains item on one of them is decided by the literals found
        // there (its literals join that field's automaton); other fields are left unscanned
        List<List<List<Literals>>> patterns = new ArrayList<>();
        List<Set<Integer>> detectionIds = new ArrayList<>();
        Set<String> scanned = new HashSet<>();
        for (CompiledRule rule : this.rules) {
            for (CompiledRule.Variant v : rule.variants()) {
                Set<Integer> ids = EventIds.of(v);
                detectionIds.add(ids);
                List<List<Literals>> fp = FastPattern.of(v, ids != null);
                patterns.add(fp);
                for (List<Literals> group : fp == null ? List.<List<Literals>>of() : fp) {
                    group.stream().map(Literals::field).filter(f -> !f.isEmpty()).forEach(f -> scanned.add(FieldNames.intern(f)));
                }
            }
        }
        for (int r = 0; r < this.rules.size(); r++) {
            for (CompiledRule.Variant v : this.rules.get(r).variants()) {
                int id = entries.size();
                List<List<Literals>> fp = patterns.get(id);
                List<KnownLiteral> known = new ArrayList<>();
                VariantMatcher matcher = VariantMatcher.of(v, c -> scanned.contains(c.field()) && longEnough(c) ? knownIds(c, known) : null);
                entries.add(new Entry(r, matcher, fp, slotEntries.size(), List.copyOf(known)));
                for (int g = 0; fp != null && g < fp.size(); g++) {
                    slotEntries.add(id);
                }
                withPattern += fp == null ? 0 : 1;
                Set<Integer> logsourceIds = v.target().map(t -> t.eventIds().isEmpty() ? null : t.eventIds()).orElse(null);
                Set<Integer> required = detectionIds.get(id);
                Set<Integer> both = logsourceIds == null ? required : new HashSet<>(logsourceIds);
                if (logsourceIds != null && required != null) {
                    both.retainAll(required); // empty: the variant can match no event
                }
                if (v.target().isEmpty()) {
                    key(unmapped, both, id);
                    key(unmappedLogsourceIds, null, id);
                    continue;
                }
                for (String c : new HashSet<>(v.target().get().channels().stream().map(x -> x.toLowerCase(Locale.ROOT)).toList())) {
                    key(byChannel.computeIfAbsent(c, k -> new HashMap<>()), both, id);
                    key(byChannelLogsourceIds.computeIfAbsent(c, k -> new HashMap<>()), logsourceIds, id);
                }
            }
        }
        this.slotEntry = slotEntries.stream().mapToInt(Integer::intValue).toArray();
        this.groupCount = entries.stream().mapToInt(en -> en.fastPattern() == null ? 0 : en.fastPattern().size()).toArray();
        this.unmappedOnly = new ChannelPlans(Map.of(), Map.of());
        this.stats = new Stats(this.rules.size(), entries.size(), withPattern);
    }

    /** Files entry {@code id} under each of {@code eventIds}, or under -1 (any id) when null. */
    private static void key(Map<Integer, List<Integer>> byId, Set<Integer> eventIds, int id) {
        for (int eid : eventIds == null ? Set.of(-1) : eventIds) {
            byId.computeIfAbsent(eid, k -> new ArrayList<>()).add(id);
        }
    }

    /**
     * Whether a contains item's literals are all long enough to be decided by the automaton: a literal of one
     * or two characters ("0", "-i") is found in most values, so the automaton would report it many times an
     * event, where the item's own search over the rare candidate costs less.
     */
    private static boolean longEnough(ContainedLiterals c) {
        return c.perValue().stream().flatMap(List::stream).allMatch(l -> l.length() >= MIN_KNOWN_LENGTH);
    }

    /** The ids of a contains item's literals, per value, each literal given an id the first time it is seen. */
    private int[][] knownIds(ContainedLiterals c, List<KnownLiteral> known) {
        Map<String, Integer> ofField = knownIds.computeIfAbsent(c.field(), f -> new HashMap<>());
        int[][] ids = new int[c.perValue().size()][];
        for (int v = 0; v < ids.length; v++) {
            List<String> literals = c.perValue().get(v);
            ids[v] = new int[literals.size()];
            for (int k = 0; k < ids[v].length; k++) {
                String literal = literals.get(k);
                ids[v][k] = ofField.computeIfAbsent(literal, l -> knownCount++);
                known.add(new KnownLiteral(c.field(), literal, ids[v][k]));
            }
        }
        return ids;
    }

    /** The sorted union of some lists, any of which may be null. */
    @SafeVarargs
    private static int[] union(List<Integer>... lists) {
        return Arrays.stream(lists).filter(Objects::nonNull).flatMap(List::stream).mapToInt(Integer::intValue)
                .sorted().distinct().toArray();
    }

    /** Counts that describe the index. */
    public record Stats(int rules, int variants, int variantsWithFastPattern) {}

    public Stats stats() {
        return stats;
    }

    public List<CompiledRule> rules() {
        return rules;
    }

    /** A matcher for the calling thread. */
    public Matcher matcher() {
        return new Matcher();
    }

    /** The plan an event meets: by its channel and event id. */
    Plan plan(Event e) {
        // an EventID of several values (a record's data repeating the name) may meet a detection's EventID item
        // with any of them: such an event meets the entries chosen by the logsource's ids alone
        Object id = e.rawInterned(FieldNames.EVENT_ID);
        return plan(e.channel(), Event.eventIdOf(id), id instanceof String[]);
    }

    /** The plan an event of this channel and event id meets; {@code logsourceIdsOnly} as {@link #plan(Event)} says. */
    Plan plan(String channel, int eventId, boolean logsourceIdsOnly) {
        ChannelPlans plans = bySpelling.get(channel);
        if (plans == null) {
            String lower = channel.toLowerCase(Locale.ROOT);
            Map<Integer, List<Integer>> own = byChannel.get(lower);
            plans = own == null ? unmappedOnly
                    : plansByChannel.computeIfAbsent(lower, c -> new ChannelPlans(own, byChannelLogsourceIds.get(c)));
            if (bySpelling.size() < MAX_CACHED_CHANNEL_SPELLINGS) {
                bySpelling.put(channel, plans);
            }
        }
        return plans.plan(eventId, logsourceIdsOnly);
    }

    /**
     * One channel's plans: per event id, its entries, the channel's entries for any id and the unmapped ones
     * for that id and any; an id no entry names gets the plan of -1. Built on first use.
     */
    private final class ChannelPlans {
        private final Map<Integer, List<Integer>> own;
        private final Map<Integer, List<Integer>> ownByLogsourceIds;
        private final Map<Integer, Plan> plans = new ConcurrentHashMap<>();
        private final Map<Integer, Plan> plansByLogsourceIds = new ConcurrentHashMap<>();

        ChannelPlans(Map<Integer, List<Integer>> own, Map<Integer, List<Integer>> ownByLogsourceIds) {
            this.own = own;
            this.ownByLogsourceIds = ownByLogsourceIds;
        }

        Plan plan(int eventId, boolean logsourceIdsOnly) {
            Map<Integer, Plan> cache = logsourceIdsOnly ? plansByLogsourceIds : plans;
            Plan p = cache.get(eventId);
            if (p != null) {
                return p;
            }
            Map<Integer, List<Integer>> ofChannel = logsourceIdsOnly ? ownByLogsourceIds : own;
            Map<Integer, List<Integer>> ofUnmapped = logsourceIdsOnly ? unmappedLogsourceIds : unmapped;
            int key = ofChannel.containsKey(eventId) || ofUnmapped.containsKey(eventId) ? eventId : -1;
            p = cache.computeIfAbsent(key, k -> new Plan(union(ofChannel.get(k), ofChannel.get(-1), ofUnmapped.get(k), ofUnmapped.get(-1))));
            if (cache.size() < MAX_CACHED_EVENT_IDS) {
                cache.putIfAbsent(eventId, p); // an id without plan of its own shares the channel's, found at once next time
            }
            return p;
        }
    }

    /**
     * The automaton of one field's literals (each with its slots), shared by every plan that scans the field
     * for the same literals: plans of one channel mostly differ in a few fields, and building the automata
     * was a tenth of a hunt's time.
     */
    private LiteralAutomaton automaton(String field, Map<String, List<Integer>> literals) {
        return automata.computeIfAbsent(new AutomatonKey(field, literals), k -> new LiteralAutomaton(
                new ArrayList<>(literals.keySet()), literals.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList()));
    }

    private record AutomatonKey(String field, Map<String, List<Integer>> literals) {}

    /** A group of variants that events meet together, with the automata of their fast patterns. */
    final class Plan {
        /** Entry ids (positions in {@link #entries}), ascending. */
        final int[] entries;
        final int[] always;
        final LiteralAutomaton[] automata;
        /** The automaton of keyword searches, for the fields without an automaton of their own, or null. */
        final LiteralAutomaton anyField;
        /** Open addressing by the interned field name's hash: the automaton of each named field. */
        private final String[] tableNames;
        private final LiteralAutomaton[] tableAutomata;
        private final int mask;

        Plan(int[] ids) {
            this.entries = ids;
            List<Integer> alwaysList = new ArrayList<>();
            // field → literal → slots (a slot is one fast-pattern group of one entry)
            Map<String, Map<String, List<Integer>>> byField = new LinkedHashMap<>();
            int firstKnown = slotEntry.length;
            for (int id : entries) {
                Entry entry = RuleIndex.this.entries.get(id);
                for (KnownLiteral k : entry.known()) {
                    List<Integer> forLit = byField.computeIfAbsent(k.field(), f -> new LinkedHashMap<>())
                            .computeIfAbsent(k.literal(), x -> new ArrayList<>());
                    if (!forLit.contains(firstKnown + k.id())) {
                        forLit.add(firstKnown + k.id());
                    }
                }
                if (entry.fastPattern() == null) {
                    alwaysList.add(id);
                    continue;
                }
                for (int g = 0; g < entry.fastPattern().size(); g++) {
                    int slot = entry.firstSlot() + g;
                    for (Literals l : entry.fastPattern().get(g)) {
                        String field = l.field().isEmpty() ? Literals.ANY_FIELD : l.field();
                        Map<String, List<Integer>> lits = byField.computeIfAbsent(field, f -> new LinkedHashMap<>());
                        for (String lit : l.literals()) {
                            List<Integer> forLit = lits.computeIfAbsent(lit, x -> new ArrayList<>());
                            if (forLit.isEmpty() || forLit.get(forLit.size() - 1) != slot) {
                                forLit.add(slot);
                            }
                        }
                    }
                }
            }
            // a keyword search's literals go into every named field's automaton too, so that a field with one
            // is scanned once; the keyword automaton itself only scans the event's other fields
            Map<String, List<Integer>> keywords = byField.get(Literals.ANY_FIELD);
            if (keywords != null) {
                byField.forEach((field, lits) -> {
                    if (!field.isEmpty()) {
                        keywords.forEach((lit, slots) -> lits.merge(lit, slots, (a, b) -> {
                            List<Integer> both = new ArrayList<>(a);
                            both.addAll(b);
                            return both;
                        }));
                    }
                });
            }
            this.always = alwaysList.stream().mapToInt(Integer::intValue).toArray();
            String[] scanFields = new String[byField.size()];
            this.automata = new LiteralAutomaton[byField.size()];
            int f = 0;
            LiteralAutomaton any = null;
            int size = Integer.highestOneBit(Math.max(1, byField.size()) * 4);
            tableNames = new String[size];
            tableAutomata = new LiteralAutomaton[size];
            mask = size - 1;
            for (var field : byField.entrySet()) {
                scanFields[f] = field.getKey() == Literals.ANY_FIELD ? Literals.ANY_FIELD : FieldNames.intern(field.getKey());
                automata[f] = automaton(field.getKey(), field.getValue());
                if (scanFields[f] == Literals.ANY_FIELD) {
                    any = automata[f];
                } else {
                    int h = scanFields[f].hashCode() & mask;
                    while (tableNames[h] != null) {
                        h = (h + 1) & mask;
                    }
                    tableNames[h] = scanFields[f];
                    tableAutomata[h] = automata[f];
                }
                f++;
            }
            this.anyField = any;
        }

        /** The automaton of the field with this interned name, or null when no rule of the plan names it. */
        LiteralAutomaton automatonOf(String internedName) {
            int h = internedName.hashCode() & mask;
            while (true) {
                String name = tableNames[h];
                if (name == internedName) {
                    return tableAutomata[h];
                }
                if (name == null) {
                    return null;
                }
                h = (h + 1) & mask;
            }
        }
    }

    /**
     * Matches events against the index; holds scratch arrays, so one per thread. Ids reported by the
     * automata below the number of slots are fast-pattern slots, the others known literals.
     */
    public final class Matcher implements VariantMatcher.LiteralsSeen {
        private final int[] stamp = new int[entries.size()];
        private int epoch;
        private int[] pending = new int[64];
        private int pendingCount;
        private final int[] ruleStamp = new int[rules.size()];
        private int ruleEpoch;
        private final int[] slotStamp = new int[slotEntry.length];
        private final int[] groupStamp = new int[entries.size()];
        private final int[] groupsSeen = new int[entries.size()];
        private final int[] knownStamp = new int[knownCount];
        /** Per field (by its name's hash): the last value scanned, the automaton, and the ids found. */
        private final String[] lastField = new String[LAST_VALUES];
        private final LiteralAutomaton[] lastAutomaton = new LiteralAutomaton[LAST_VALUES];
        private final String[] lastValue = new String[LAST_VALUES];
        private final LiteralAutomaton.Found[] lastFound = new LiteralAutomaton.Found[LAST_VALUES];
        private final LiteralAutomaton.Found scratch = new LiteralAutomaton.Found();

        Matcher() {
            for (int h = 0; h < LAST_VALUES; h++) {
                lastFound[h] = new LiteralAutomaton.Found();
            }
        }

        /** Adds to {@code out}, in index order, every rule that matches the event. */
        public void match(Event e, List<CompiledRule> out) {
            Plan p = plan(e);
            begin();
            for (int i : p.always) {
                candidate(i);
            }
            // each of the event's fields once: by the automaton of its name (which holds the keyword searches'
            // literals too), or by the keyword searches' automaton
            if (p.automata.length > 0) {
                LiteralAutomaton any = p.anyField;
                for (int i = 0, n = e.fieldCount(); i < n; i++) {
                    LiteralAutomaton a = p.automatonOf(e.fieldName(i));
                    if (a == null) {
                        a = any;
                    }
                    if (a != null) {
                        Object raw = e.fieldValue(i);
                        if (raw instanceof String one) {
                            if (a == any && a.holdsNoTellingCharacter(one)) {
                                continue; // a time, a record id, a GUID: no keyword can be in it
                            }
                            scanOrRecall(e.fieldName(i), a, one);
                        } else if (raw instanceof String[] many) {
                            scanEach(a, many);
                        }
                    }
                }
            }
            if (pendingCount == 0) {
                return;
            }
            Arrays.sort(pending, 0, pendingCount);
            if (++ruleEpoch == Integer.MAX_VALUE) {
                Arrays.fill(ruleStamp, 0);
                ruleEpoch = 1;
            }
            for (int k = 0; k < pendingCount; k++) {
                Entry entry = entries.get(pending[k]);
                if (ruleStamp[entry.rule()] != ruleEpoch && entry.matcher().matchesInPlan(e, this)) {
                    ruleStamp[entry.rule()] = ruleEpoch;
                    out.add(rules.get(entry.rule()));
                }
            }
        }

        /**
         * Scans a field's value, or, when the field had the same value in the last event that went through
         * the same automaton, reports what was found then: most values of consecutive events repeat
         * (provider, channel, computer, image, user), and comparing two strings costs far less than
         * scanning one.
         */
        private void scanOrRecall(String field, LiteralAutomaton a, String value) {
            int h = field.hashCode() & (LAST_VALUES - 1);
            LiteralAutomaton.Found found = lastFound[h];
            if (lastField[h] != field || lastAutomaton[h] != a || !value.equals(lastValue[h])) {
                lastField[h] = field;
                lastAutomaton[h] = a;
                lastValue[h] = value;
                found.clear();
                a.scan(value, found);
            }
            takeIn(found);
        }

        /** Scans each of a field's several values (not remembered: such fields are rare). */
        private void scanEach(LiteralAutomaton a, String[] many) {
            for (String s : many) {
                scratch.clear();
                a.scan(s, scratch);
                takeIn(scratch);
            }
        }

        private void takeIn(LiteralAutomaton.Found found) {
            for (int k = 0, n = found.count(); k < n; k++) {
                slotHit(found.id(k));
            }
        }

        /** How many variants were evaluated in full for the last event (for measurements). */
        public int lastEvaluated() {
            return pendingCount;
        }

        private void begin() {
            if (++epoch == Integer.MAX_VALUE) {
                Arrays.fill(stamp, 0);
                Arrays.fill(slotStamp, 0);
                Arrays.fill(groupStamp, 0);
                Arrays.fill(knownStamp, 0);
                epoch = 1;
            }
            pendingCount = 0;
        }

        @Override
        public boolean seen(int knownId) {
            return knownStamp[knownId] == epoch;
        }

        /**
         * A literal of one group of an entry was seen: the entry is a candidate once each of its groups was.
         * Or a known literal was.
         */
        private void slotHit(int slot) {
            if (slot >= slotStamp.length) {
                knownStamp[slot - slotStamp.length] = epoch;
                return;
            }
            if (slotStamp[slot] == epoch) {
                return;
            }
            slotStamp[slot] = epoch;
            int entry = slotEntry[slot];
            if (groupStamp[entry] != epoch) {
                groupStamp[entry] = epoch;
                groupsSeen[entry] = 0;
            }
            if (++groupsSeen[entry] == groupCount[entry]) {
                candidate(entry);
            }
        }

        private void candidate(int entry) {
            if (stamp[entry] != epoch) {
                stamp[entry] = epoch;
                if (pendingCount == pending.length) {
                    pending = Arrays.copyOf(pending, pendingCount * 2);
                }
                pending[pendingCount++] = entry;
            }
        }
    }
}
