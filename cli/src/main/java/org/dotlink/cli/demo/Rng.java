package org.dotlink.cli.demo;

import java.util.List;
import java.util.Random;

/**
 * A seeded random source with the helpers the scenario needs. Each concern draws from its own stream
 * ({@code new Rng(seed, "owa-traffic")}), so that changing how much of one thing is generated does not
 * move anything else: the intrusions and the look-alikes are the same at every volume.
 */
final class Rng {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Random random;

    Rng(long seed, String purpose) {
        this.random = new Random(seed * 0x9E3779B97F4A7C15L ^ purpose.hashCode());
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform in {@code [from, to]}. */
    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    long between(long from, long to) {
        return from + (long) (random.nextDouble() * (to - from + 1));
    }

    double nextDouble() {
        return random.nextDouble();
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    @SafeVarargs
    final <T> T pick(T... items) {
        return items[random.nextInt(items.length)];
    }

    /** A count with the given mean (Poisson for small means, normal approximation above 30). */
    int count(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** {@code n} lower-case hex digits. */
    String hex(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = HEX[random.nextInt(16)];
        }
        return new String(c);
    }

    /** A random GUID without braces, lower case. */
    String uuid() {
        return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-" + HEX[8 + random.nextInt(4)] + hex(3) + "-" + hex(12);
    }
}
