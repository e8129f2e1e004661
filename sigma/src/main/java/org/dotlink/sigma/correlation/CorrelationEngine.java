package org.dotlink.sigma.correlation;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dotlink.core.Detection;
import org.dotlink.core.EventRef;
import org.dotlink.core.IsoTime;
import org.dotlink.core.RuleInfo;

/**
 * Runs compiled correlation rules over the detections of the rules they reference, and emits correlation
 * detections. Feed it detections <b>in event-time order</b> ({@link #accept}): the batch driver sorts
 * them, a stream driver feeds them as its watermark passes. Tell it when time has moved on without
 * detections ({@link #advanceTo}) and when the input has ended ({@link #finish}). State lives in a
 * {@link CorrelationState}, one {@link GroupWindow} per correlation and combination of group-by values.
 *
 * <h2>Windows</h2>
 * <ul>
 * <li>A condition that only has lower bounds ({@code gt}, {@code gte}) on a measure that only grows
 * ({@code event_count}, {@code value_count}, {@code temporal}, {@code temporal_ordered}, {@code value_sum})
 * is judged over a sliding window: a detection stays in its group's window while the newest detection
 * is at most {@code timespan} later (both ends included), older ones are evicted, and the condition is
 * judged at every detection, so it fires at the detection that makes it hold. Any span of
 * {@code timespan} that holds enough detections is found, wherever it starts.</li>
 * <li>Any other condition ({@code lt}, {@code lte}, {@code eq}, {@code neq}, ranges) and the
 * {@code value_avg} and {@code value_percentile} measures are judged over consecutive windows: a window
 * starts at the group's first detection, lasts {@code timespan}, and is judged once it has ended (a later
 * detection, {@link #advanceTo} or {@link #finish} shows that); the next window starts at the group's
 * first detection after it. A sliding window would not do here: it always ends up holding only the last
 * few detections of a burst, where a count is low and a single value is the average.</li>
 * </ul>
 *
 * <h2>Firing once per window</h2>
 * When a group fires, its window is spent: the detections in it are not used again, and the group fires
 * again only for a window that starts after the one that fired ends. For sliding windows this means the
 * group goes quiet until {@code timespan} after the first event of the detection, and the detections
 * arriving meanwhile are absorbed without alerting; a password-guessing burst of thousands of failed
 * logons within one timespan thus gives one detection (listing the events up to the threshold), not one
 * per further failed logon. For consecutive windows, the detection lists every event of the window.
 *
 * <h2>What it emits</h2>
 * A correlation detection lists the events that made it ({@link EventRef}s, in time order, each once), the
 * group-by values by their {@code group-by} names, and the host all those events share ("" when they do
 * not). Correlations referencing another correlation ({@code rules} naming it) receive its detections as
 * they are made. {@code generate}: a rule referenced by correlations has its own detections reported
 * only when one of them says {@code generate: true}; {@link #reports} tells the driver, and the engine
 * returns only the correlation detections that are to be reported.
 *
 * <h2>Memory</h2>
 * A group's window holds at most the detections of one timespan (fewer for sliding windows: a window is
 * emptied when it fires). Whenever event time has moved on by more than the longest timespan,
 * {@link #accept} sweeps every group as {@link #advanceTo} does, so groups that see no more detections
 * are dropped rather than kept until {@link #finish}.
 *
 * <p>Detections whose time cannot be read (not ISO-8601) cannot be placed in a window and are ignored;
 * {@link #ignored()} counts them. Not thread-safe: one engine per thread or per keyed partition.
 */
public final class CorrelationEngine {

    /** Where a detection of some rule goes: which correlation, as which of its inputs. */
    private record Route(CompiledCorrelation correlation, CompiledCorrelation.Input input) {}

    private final List<CompiledCorrelation> correlations;
    private final CorrelationState state;
    private final Map<String, CompiledCorrelation> byKey = new HashMap<>();
    private final Map<String, List<Route>> byRuleId = new HashMap<>();
    private final Map<CompiledCorrelation, List<Route>> byCorrelation = new IdentityHashMap<>();
    private final Set<String> hiddenRuleIds = new HashSet<>();
    private final Set<CompiledCorrelation> hiddenCorrelations = Collections.newSetFromMap(new IdentityHashMap<>());
    private final long longestSpan;
    private long lastSweep = Long.MIN_VALUE;
    private long ignored;

    /**
     * @param correlations compiled correlations in dependency order, as {@link CorrelationCompiler} gives them
     * @param state        where the windows are kept
     */
    public CorrelationEngine(List<CompiledCorrelation> correlations, CorrelationState state) {
        this.correlations = List.copyOf(correlations);
        this.state = state;
        this.longestSpan = this.correlations.stream().mapToLong(CompiledCorrelation::spanMicros).max().orElse(0);
        Map<String, Boolean> ruleGenerated = new HashMap<>();
        Map<CompiledCorrelation, Boolean> correlationGenerated = new IdentityHashMap<>();
        for (CompiledCorrelation c : this.correlations) {
            byKey.put(c.key(), c);
            boolean generate = c.rule().generate();
            for (CompiledCorrelation.Input in : c.inputs()) {
                Route route = new Route(c, in);
                if (in.rule() != null) {
                    String id = in.rule().info().id();
                    byRuleId.computeIfAbsent(id, k -> new ArrayList<>()).add(route);
                    ruleGenerated.merge(id, generate, Boolean::logicalOr);
                } else {
                    byCorrelation.computeIfAbsent(in.correlation(), k -> new ArrayList<>()).add(route);
                    correlationGenerated.merge(in.correlation(), generate, Boolean::logicalOr);
                }
            }
        }
        ruleGenerated.forEach((id, generated) -> {
            if (!generated) {
                hiddenRuleIds.add(id);
            }
        });
        correlationGenerated.forEach((c, generated) -> {
            if (!generated) {
                hiddenCorrelations.add(c);
            }
        });
    }

    /**
     * Whether the driver should report the detections of detection rule {@code rule} itself: true unless
     * correlations reference it and none of them says {@code generate: true}.
     */
    public boolean reports(RuleInfo rule) {
        return !hiddenRuleIds.contains(rule.id());
    }

    /**
     * The rule's own field names (group-by and measured fields, aliases applied) that the correlations
     * referencing detection rule {@code rule} read from its detections; empty when none does.
     */
    public java.util.Set<String> fieldsRead(RuleInfo rule) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Route r : byRuleId.getOrDefault(rule.id(), List.of())) {
            out.addAll(r.input().groupFields());
            if (r.input().valueField() != null) {
                out.add(r.input().valueField());
            }
        }
        return out;
    }

    /** Whether some correlation references detection rule {@code rule}, so that its detections must be fed here. */
    public boolean references(RuleInfo rule) {
        return byRuleId.containsKey(rule.id());
    }

    /**
     * Takes one detection of a detection rule (in event-time order) and returns the correlation detections
     * it completes that are to be reported; correlations referencing other correlations are fed internally.
     */
    public List<Detection> accept(Detection d) {
        List<Route> routes = byRuleId.get(d.rule().id());
        if (routes == null) {
            return List.of();
        }
        long time = micros(d.time());
        if (time == Long.MIN_VALUE) {
            ignored++;
            return List.of();
        }
        List<Detection> out = new ArrayList<>();
        if (lastSweep == Long.MIN_VALUE) {
            lastSweep = time;
        } else if (time - lastSweep > longestSpan) {
            out.addAll(sweep(time)); // groups that saw nothing for a while are judged and dropped
        }
        for (Route r : routes) {
            feed(r, d, time, out);
        }
        return out;
    }

    /**
     * Event time has reached {@code isoTime} (no detection older than it will come): windows that ended
     * before it are judged, and state that can no longer matter is dropped. Returns the correlation
     * detections to report. Needs a state that lists its keys.
     */
    public List<Detection> advanceTo(String isoTime) {
        long now = micros(isoTime);
        if (now == Long.MIN_VALUE) {
            throw new IllegalArgumentException("not an ISO-8601 time: " + isoTime);
        }
        return sweep(now);
    }

    /** The input has ended: every window still open is judged, and all state is dropped. */
    public List<Detection> finish() {
        return sweep(Long.MAX_VALUE);
    }

    /**
     * {@link #advanceTo} for one group, for stores that cannot list their keys and expire groups by timer
     * instead: event time has reached {@code isoTime} for the group of {@code key}.
     */
    public List<Detection> expire(GroupKey key, String isoTime) {
        long now = micros(isoTime);
        if (now == Long.MIN_VALUE) {
            throw new IllegalArgumentException("not an ISO-8601 time: " + isoTime);
        }
        List<Detection> out = new ArrayList<>();
        CompiledCorrelation c = byKey.get(key.correlation());
        if (c != null) {
            expire(c, key, now, out);
        }
        return out;
    }

    /** How many detections were ignored because their time could not be read. */
    public long ignored() {
        return ignored;
    }

    private List<Detection> sweep(long now) {
        lastSweep = now;
        List<Detection> out = new ArrayList<>();
        // referenced correlations first, so that what they emit now is judged with the rest
        for (CompiledCorrelation c : correlations) {
            for (GroupKey key : state.keys()) {
                if (key.correlation().equals(c.key())) {
                    expire(c, key, now, out);
                }
            }
        }
        return out;
    }

    private void expire(CompiledCorrelation c, GroupKey key, long now, List<Detection> out) {
        GroupWindow w = state.get(key);
        if (w == null) {
            return;
        }
        List<List<WindowEntry>> fired = new ArrayList<>();
        if (c.decidesEarly()) {
            w.evictBefore(now == Long.MAX_VALUE ? now : now - c.spanMicros());
            if (w.quietUntil < now) {
                w.quietUntil = GroupWindow.NOT_QUIET;
            }
        } else {
            closeEnded(c, w, now, fired);
        }
        save(key, w);
        emit(c, key, fired, out);
    }

    private void feed(Route r, Detection d, long time, List<Detection> out) {
        CompiledCorrelation c = r.correlation();
        String value = r.input().value(d);
        if (r.input().valueField() != null
                && (value == null || (c.type().numeric() && Double.isNaN(Measures.number(value))))) {
            return; // nothing to measure in this detection
        }
        GroupKey key = new GroupKey(c.key(), r.input().groupValues(d));
        GroupWindow w = state.get(key);
        if (w == null) {
            w = new GroupWindow();
        }
        WindowEntry entry = new WindowEntry(time, r.input().key(), value, d.host(), d.isCorrelation() ? d.events()
                : List.of(EventRef.of(d.event())));
        List<List<WindowEntry>> fired = new ArrayList<>();
        if (c.decidesEarly()) {
            addAndDecide(c, w, entry, fired);
        } else {
            closeEnded(c, w, time, fired);
            w.insert(entry);
        }
        save(key, w);
        emit(c, key, fired, out);
    }

    /** Sliding window: add the detection, fire when the condition holds, then stay quiet. */
    private static void addAndDecide(CompiledCorrelation c, GroupWindow w, WindowEntry entry,
                                     List<List<WindowEntry>> fired) {
        if (entry.time() <= w.quietUntil) {
            return; // the window that fired is still running
        }
        w.quietUntil = GroupWindow.NOT_QUIET;
        w.evictBefore(entry.time() - c.spanMicros());
        w.insert(entry);
        List<WindowEntry> made = c.satisfied(w.entries);
        if (made != null) {
            fired.add(made);
            w.quietUntil = made.get(0).time() + c.spanMicros();
            w.entries.clear();
        }
    }

    /**
     * Consecutive windows: judge every window that ended before {@code now}. A window starts at the oldest
     * detection held and holds what came within {@code timespan} of it; it is over once judged.
     */
    private static void closeEnded(CompiledCorrelation c, GroupWindow w, long now, List<List<WindowEntry>> fired) {
        while (!w.entries.isEmpty() && w.entries.get(0).time() + c.spanMicros() < now) {
            long end = w.entries.get(0).time() + c.spanMicros();
            int n = 0;
            while (n < w.entries.size() && w.entries.get(n).time() <= end) {
                n++;
            }
            List<WindowEntry> made = c.satisfied(w.entries.subList(0, n));
            if (made != null) {
                fired.add(made);
            }
            w.entries.subList(0, n).clear();
        }
    }

    private void save(GroupKey key, GroupWindow w) {
        if (w.isEmpty()) {
            state.remove(key);
        } else {
            state.put(key, w);
        }
    }

    private void emit(CompiledCorrelation c, GroupKey key, List<List<WindowEntry>> fired, List<Detection> out) {
        for (List<WindowEntry> entries : fired) {
            Detection d = detection(c, key, entries);
            if (!hiddenCorrelations.contains(c)) {
                out.add(d);
            }
            long time = entries.stream().mapToLong(WindowEntry::time).max().orElseThrow();
            for (Route r : byCorrelation.getOrDefault(c, List.of())) {
                feed(r, d, time, out);
            }
        }
    }

    private static Detection detection(CompiledCorrelation c, GroupKey key, List<WindowEntry> entries) {
        Set<EventRef> refs = new LinkedHashSet<>();
        entries.forEach(e -> refs.addAll(e.events()));
        Map<EventRef, Long> times = new HashMap<>();
        refs.forEach(r -> times.put(r, micros(r.time())));
        List<EventRef> events = new ArrayList<>(refs);
        events.sort(Comparator.comparingLong(times::get));
        Map<String, String> groupBy = new LinkedHashMap<>();
        for (int i = 0; i < c.rule().groupBy().size(); i++) {
            groupBy.put(c.rule().groupBy().get(i), key.values().get(i));
        }
        String host = entries.get(0).host();
        for (WindowEntry e : entries) {
            if (!e.host().equals(host)) {
                host = "";
                break;
            }
        }
        return Detection.correlation(c.info(), events, groupBy, host);
    }

    /** ISO-8601 time as microseconds since 1970; {@link Long#MIN_VALUE} when it cannot be read. */
    static long micros(String iso) {
        if (iso == null) {
            return Long.MIN_VALUE;
        }
        long fast = IsoTime.toEpochMicros(iso);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        try {
            Instant t = Instant.parse(iso);
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (DateTimeException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }
}
