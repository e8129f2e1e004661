package org.dotlink.sigma.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dotlink.core.Event;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.logsource.LogsourceMapping.Target;
import org.dotlink.sigma.match.Literals;

/**
 * Compiled rules indexed so that each event meets only the rules that can match it.
 *
 * <p>Two stages, as network IDS engines do it. First the logsource: an event's (channel, event id)
 * selects a {@link Plan} holding only the rule variants written for that kind of event (plus the rules
 * whose logsource has no mapping). Then the fast pattern: each variant's necessary literals
 * ({@link FastPattern}) go, per field, into one {@link LiteralAutomaton}; an event's field is scanned
 * once, and only the variants whose literal was seen, plus the few that have none, are evaluated in
 * full. Plans are built on first use and shared; the index is thread-safe, while a {@link Matcher}
 * (which holds scratch state) belongs to one thread.
 */
public final class RuleIndex {

    /** One rule variant: the rule's position in the index and the variant. */
    private record Entry(int rule, CompiledRule.Variant variant, List<Literals> fastPattern) {}

    private static final int MAX_CACHED_CHANNEL_SPELLINGS = 4096;

    private final List<CompiledRule> rules;
    private final List<Entry> entries = new ArrayList<>();
    /** Lower-cased channel → event ids some target of that channel names. */
    private final Map<String, Set<Integer>> knownChannels = new HashMap<>();
    private final Map<String, Map<Integer, Plan>> plansByChannel = new ConcurrentHashMap<>();
    private final Map<String, String> channelSpellings = new ConcurrentHashMap<>();
    private final Plan unmappedOnly;
    private final Stats stats;

    public RuleIndex(List<CompiledRule> rules) {
        this.rules = List.copyOf(rules);
        int withPattern = 0;
        for (int r = 0; r < this.rules.size(); r++) {
            for (CompiledRule.Variant v : this.rules.get(r).variants()) {
                List<Literals> fp = FastPattern.of(v);
                entries.add(new Entry(r, v, fp));
                withPattern += fp == null ? 0 : 1;
                v.target().ifPresent(t -> {
                    for (String c : t.channels()) {
                        knownChannels.computeIfAbsent(c.toLowerCase(Locale.ROOT), k -> new HashSet<>()).addAll(t.eventIds());
                    }
                });
            }
        }
        this.unmappedOnly = buildPlan(null, -1);
        this.stats = new Stats(this.rules.size(), entries.size(), withPattern);
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

    /** The plan for events of this channel and event id. */
    Plan plan(String channel, int eventId) {
        String key = channelSpellings.get(channel);
        if (key == null) {
            key = channel.toLowerCase(Locale.ROOT);
            if (!knownChannels.containsKey(key)) {
                return unmappedOnly;
            }
            if (channelSpellings.size() < MAX_CACHED_CHANNEL_SPELLINGS) {
                channelSpellings.put(channel, key);
            }
        }
        Set<Integer> ids = knownChannels.get(key);
        int id = ids.contains(eventId) ? eventId : -1; // other event ids meet only the rules that name none
        String k = key;
        return plansByChannel.computeIfAbsent(key, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(id, i -> buildPlan(k, i));
    }

    private Plan buildPlan(String channel, int eventId) {
        List<Entry> candidates = new ArrayList<>();
        for (Entry e : entries) {
            if (e.variant().target().isEmpty() || channel != null && admits(e.variant().target().get(), channel, eventId)) {
                candidates.add(e);
            }
        }
        return new Plan(candidates);
    }

    private static boolean admits(Target t, String channel, int eventId) {
        if (!t.eventIds().isEmpty() && !t.eventIds().contains(eventId)) {
            return false;
        }
        for (String c : t.channels()) {
            if (c.equalsIgnoreCase(channel)) {
                return true;
            }
        }
        return false;
    }

    /** The variants one kind of event can meet, with the automata of their fast patterns. */
    final class Plan {
        final Entry[] entries;
        final int[] always;
        final String[] scanFields;
        final LiteralAutomaton[] automata;

        Plan(List<Entry> candidates) {
            this.entries = candidates.toArray(new Entry[0]);
            List<Integer> alwaysList = new ArrayList<>();
            // field → literal → local entry ids
            Map<String, Map<String, List<Integer>>> byField = new LinkedHashMap<>();
            for (int i = 0; i < entries.length; i++) {
                List<Literals> fp = entries[i].fastPattern();
                if (fp == null) {
                    alwaysList.add(i);
                    continue;
                }
                for (Literals l : fp) {
                    Map<String, List<Integer>> lits = byField.computeIfAbsent(l.field(), f -> new LinkedHashMap<>());
                    for (String lit : l.literals()) {
                        List<Integer> ids = lits.computeIfAbsent(lit, x -> new ArrayList<>());
                        if (ids.isEmpty() || ids.get(ids.size() - 1) != i) {
                            ids.add(i);
                        }
                    }
                }
            }
            this.always = alwaysList.stream().mapToInt(Integer::intValue).toArray();
            this.scanFields = new String[byField.size()];
            this.automata = new LiteralAutomaton[byField.size()];
            int f = 0;
            for (var field : byField.entrySet()) {
                scanFields[f] = field.getKey();
                automata[f++] = new LiteralAutomaton(new ArrayList<>(field.getValue().keySet()),
                        field.getValue().values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList());
            }
        }
    }

    /** Matches events against the index; holds scratch arrays, so one per thread. */
    public final class Matcher {
        private int[] stamp = new int[0];
        private int epoch;
        private int[] pending = new int[64];
        private int pendingCount;
        private final int[] ruleStamp = new int[rules.size()];
        private int ruleEpoch;
        private final LiteralAutomaton.Hits hits = this::candidate;

        /** Adds to {@code out}, in index order, every rule that matches the event. */
        public void match(Event e, List<CompiledRule> out) {
            Plan p = plan(e.channel(), e.eventId());
            if (p.entries.length == 0) {
                return;
            }
            begin(p);
            for (int i : p.always) {
                candidate(i);
            }
            for (int f = 0; f < p.scanFields.length; f++) {
                Object raw = e.raw(p.scanFields[f]);
                if (raw instanceof String s) {
                    p.automata[f].scan(s, hits);
                } else if (raw instanceof String[] many) {
                    for (String s : many) {
                        p.automata[f].scan(s, hits);
                    }
                }
            }
            Arrays.sort(pending, 0, pendingCount);
            if (++ruleEpoch == Integer.MAX_VALUE) {
                Arrays.fill(ruleStamp, 0);
                ruleEpoch = 1;
            }
            for (int k = 0; k < pendingCount; k++) {
                Entry entry = p.entries[pending[k]];
                if (ruleStamp[entry.rule()] != ruleEpoch && CompiledRule.matches(entry.variant(), e)) {
                    ruleStamp[entry.rule()] = ruleEpoch;
                    out.add(rules.get(entry.rule()));
                }
            }
        }

        /** How many variants were evaluated in full for the last event (for measurements). */
        public int lastEvaluated() {
            return pendingCount;
        }

        private void begin(Plan p) {
            if (stamp.length < p.entries.length) {
                stamp = new int[p.entries.length];
                epoch = 0;
            }
            if (++epoch == Integer.MAX_VALUE) {
                Arrays.fill(stamp, 0);
                epoch = 1;
            }
            pendingCount = 0;
        }

        private void candidate(int local) {
            if (stamp[local] != epoch) {
                stamp[local] = epoch;
                if (pendingCount == pending.length) {
                    pending = Arrays.copyOf(pending, pendingCount * 2);
                }
                pending[pendingCount++] = local;
            }
        }
    }
}
