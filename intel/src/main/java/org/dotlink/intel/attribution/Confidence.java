package org.dotlink.intel.attribution;

/**
 * What an attribution's confidence means, and how it is computed from the scores.
 *
 * <p>The scores of one ranking are log-likelihood ratios under a model that treats techniques as independent,
 * which they are not, so turned straight into probabilities they would be far too sure. The confidence is
 * instead a tempered softmax over all ranked groups: {@code exp(score / T) / sum over groups of exp(score' / T)},
 * the estimated probability that the group is the actor, assuming the actor is one of ATT&amp;CK's groups (an
 * actor ATT&amp;CK does not know spreads its probability over lookalikes, so no candidate looks sure).
 *
 * <p>{@link #TEMPERATURE} was fitted on the attribution evaluation (BENCHMARKS.md, "Attribution"): the value
 * that minimises the log loss of the true group over the 24 attributed campaigns, left out of their group's
 * profile, clean and with half their techniques replaced by random ones. There, top candidates labelled
 * {@code high} were right about 9 times in 10 (89%, mean confidence 0.80), {@code medium} a little over half
 * the time (54%, 0.34), {@code low} about 3 times in 10 (30%, 0.11): {@code high} is about calibrated, the two
 * others understate.
 */
public final class Confidence {

    /** The softmax temperature, fitted as the class comment says. */
    public static final double TEMPERATURE = 5.0;
    /** Confidence at or above which a candidate is labelled {@code high}. */
    public static final double HIGH = 0.5;
    /** Confidence at or above which a candidate is labelled {@code medium}; below is {@code low}. */
    public static final double MEDIUM = 0.2;

    private Confidence() {}

    /** The confidence of each score among all of them (they sum to 1; equal scores share equally). */
    public static double[] of(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = Math.exp((scores[i] - max) / TEMPERATURE);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** {@code high}, {@code medium} or {@code low}. */
    public static String label(double confidence) {
        return confidence >= HIGH ? "high" : confidence >= MEDIUM ? "medium" : "low";
    }
}
