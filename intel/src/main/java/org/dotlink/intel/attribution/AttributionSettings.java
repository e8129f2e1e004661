package org.dotlink.intel.attribution;

/**
 * The weights of the attribution model ({@link Attribution} explains each). {@link #DEFAULT} is what Dotlink
 * uses; the others exist so that the evaluation can show what each part contributes.
 *
 * @param used              weight of the group's own uses in the mixture
 * @param viaSoftware       weight of the techniques of the group's software
 * @param background        weight of the background (must be above 0); the three weights sum to 1
 * @param relatedTechnique  credit for a parent or sub-technique of the one observed (0 to 1)
 * @param impliedBySoftware weight of a technique that observed software uses, when not itself observed (0: none)
 * @param campaigns         whether the techniques and software of a group's campaigns count in its profile
 */
public record AttributionSettings(double used, double viaSoftware, double background, double relatedTechnique,
                                  double impliedBySoftware, boolean campaigns) {

    /** Dotlink's settings: 0.8 / 0.1 / 0.1, half credit for related techniques and for implied ones, campaigns in. */
    public static final AttributionSettings DEFAULT = new AttributionSettings(0.8, 0.1, 0.1, 0.5, 0.5, true);

    public AttributionSettings {
        if (background <= 0 || used < 0 || viaSoftware < 0 || Math.abs(used + viaSoftware + background - 1) > 1e-9) {
            throw new IllegalArgumentException("mixture weights must be non-negative, sum to 1, with background > 0: "
                    + used + " / " + viaSoftware + " / " + background);
        }
        if (relatedTechnique < 0 || relatedTechnique > 1 || impliedBySoftware < 0 || impliedBySoftware > 1) {
            throw new IllegalArgumentException("credits must lie between 0 and 1");
        }
    }
}
