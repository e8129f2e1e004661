package org.dotlink.sigma.correlation;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What each correlation type measures over a window of detections (oldest first): the number the
 * condition is compared with.
 */
final class Measures {

    private Measures() {}

    static double measure(CompiledCorrelation c, List<WindowEntry> window) {
        return switch (c.type()) {
            case EVENT_COUNT -> window.size();
            case VALUE_COUNT -> distinct(window, true);
            case TEMPORAL -> distinct(window, false);
            case TEMPORAL_ORDERED -> orderedPrefix(c.order(), window);
            case VALUE_SUM -> Arrays.stream(numbers(window)).sum();
            case VALUE_AVG -> Arrays.stream(numbers(window)).average().orElse(Double.NaN);
            case VALUE_PERCENTILE -> percentile(numbers(window), c.rule().condition().percentile().orElse(50.0));
        };
    }

    /**
     * The number of distinct values, ignoring case as Sigma compares strings ({@code C:\Windows\whoami.exe} and
     * {@code C:\WINDOWS\whoami.exe} are one program), or of distinct referenced rules.
     */
    private static int distinct(List<WindowEntry> window, boolean values) {
        Set<String> seen = new HashSet<>();
        for (WindowEntry e : window) {
            seen.add(values ? e.value().toLowerCase(Locale.ROOT) : e.input());
        }
        return seen.size();
    }

    /**
     * How many of the listed rules appear in the window in the order listed: the longest prefix of
     * {@code order} that is a subsequence of the window (taking each step at its earliest occurrence
     * finds the longest one).
     */
    static int orderedPrefix(List<String> order, List<WindowEntry> window) {
        int step = 0;
        for (WindowEntry e : window) {
            if (step < order.size() && e.input().equals(order.get(step))) {
                step++;
            }
        }
        return step;
    }

    /** Where the ordered sequence begins: the first occurrence of the first listed rule (0 when absent). */
    static int orderedStart(List<String> order, List<WindowEntry> window) {
        for (int i = 0; i < window.size(); i++) {
            if (window.get(i).input().equals(order.get(0))) {
                return i;
            }
        }
        return 0;
    }

    /**
     * The nearest-rank percentile: the smallest value such that at least {@code p} percent of the values
     * are at most it ({@code p} = 0 gives the smallest value).
     */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double[] numbers(List<WindowEntry> window) {
        double[] out = new double[window.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(window.get(i).value());
        }
        return out;
    }

    /**
     * A field value as a number: decimal ({@code 1500}, {@code -2.5}) or Windows hex ({@code 0x3e7}); NaN when
     * it is neither. The engine only keeps values that are numbers for the numeric types.
     */
    static double number(String s) {
        if (s == null) {
            return Double.NaN;
        }
        String t = s.trim();
        try {
            if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.isEmpty() || !(Character.isDigit(t.charAt(t.length() - 1)) || t.endsWith("."))) {
                return Double.NaN; // rejects NaN, Infinity and the 'd'/'f' suffixes Double.parseDouble accepts
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
