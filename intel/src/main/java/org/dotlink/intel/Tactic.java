package org.dotlink.intel;

/**
 * An ATT&amp;CK tactic.
 *
 * @param id        {@code TA0006}
 * @param shortName {@code credential-access}, as techniques' kill chain phases name it
 * @param name      {@code Credential Access}
 */
public record Tactic(String id, String shortName, String name) {}
