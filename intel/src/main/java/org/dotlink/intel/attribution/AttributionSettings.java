package org.dotlink.intel.attribution;

/**
 * The weights of the attribution model ({@link Attribution} explains each). {@link #DEFAULT} is what Dotlink
 * uses; the others exist so that the evaluation can show what each part contributes.
 *
 * @param used              weight of the group's own uses in the mixture
 * @param viaSoftware       weight of the techniques of the group's software
 * @param cooccurrence      weight of the items that tend to be used together with the group's items (by all groups)
 * @param background        weight of the background (must be above 0); the four weights sum to 1
 * @param parentCredit      credit when an observed parent technique ({@code T1003}) meets a group that uses one
 *                          of its sub-techniques ({@code T1003.001}) but not the parent (0 to 1)
 * @param subTechniqueCredit credit when an observed sub-technique meets a group that uses only its parent (0 to 1)
 * @param impliedBySoftware weight of a technique that observed software uses, when not itself observed (0: none)
 * @param campaigns         whether the techniques and software of a group's campaigns count in its profile
 * @param campaignCount     what each of the group's campaigns that uses an item adds to the item's count in the
 *                          group's profile (the group's own use counts 1); 0 for a plain set of items
 * @param softwareCount     what each of the group's software that uses a technique adds to that technique's count,
 *                          when the group itself or one of its campaigns uses it; 0 for none
 * @param viaCounts         whether a technique of the group's software that the group is not known to use counts
 *                          once per software of the group that uses it (false: each counts once)
 */
public record AttributionSettings(double used, double viaSoftware, double cooccurrence, double background,
                                  double parentCredit, double subTechniqueCredit, double impliedBySoftware,
                                  boolean campaigns, double campaignCount, double softwareCount, boolean viaCounts) {

    /**
     * Dotlink's settings: 0.7 / 0.1 / 0.1 / 0.1 (the group's items, its software's techniques, what is used
     * together with its items, the background); half credit for an observed parent technique, none for an
     * observed sub-technique against a listed parent; half weight for techniques implied by observed software;
     * campaigns in the profiles, each counting 1, each of the group's software half; the techniques of the group's
     * software counted by how many of its software use them.
     */
    public static final AttributionSettings DEFAULT =
            new AttributionSettings(0.7, 0.1, 0.1, 0.1, 0.5, 0, 0.5, true, 1, 0.5, true);

    public AttributionSettings {
        if (background <= 0 || used < 0 || viaSoftware < 0 || cooccurrence < 0
                || Math.abs(used + viaSoftware + cooccurrence + background - 1) > 1e-9) {
            throw new IllegalArgumentException("mixture weights must be non-negative, sum to 1, with background > 0: "
                    + used + " / " + viaSoftware + " / " + cooccurrence + " / " + background);
        }
        if (outside01(parentCredit) || outside01(subTechniqueCredit) || outside01(impliedBySoftware)) {
            throw new IllegalArgumentException("credits must lie between 0 and 1");
        }
        if (campaignCount < 0 || softwareCount < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + campaignCount + ", " + softwareCount);
        }
    }

    private static boolean outside01(double x) {
        return x < 0 || x > 1;
    }
}
