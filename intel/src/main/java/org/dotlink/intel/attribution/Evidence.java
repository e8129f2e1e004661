package org.dotlink.intel.attribution;

/**
 * One technique or piece of software speaking for or against a candidate group.
 *
 * @param id     {@code T1003.001} or {@code S0002}
 * @param name   its ATT&amp;CK name
 * @param weight for evidence in favour: how much it adds to the group's score (natural log of a likelihood
 *               ratio, see {@link Attribution}); against: how distinctive it is of the group, the inverse
 *               group frequency {@code ln(groups / groups using it)}
 * @param note   how it connects: {@code used by the group}, {@code group uses a sub-technique of it} (for an
 *               observed parent), {@code used by the group's software}, {@code implied by observed S0002};
 *               against: {@code not observed}
 */
public record Evidence(String id, String name, double weight, String note) {}
