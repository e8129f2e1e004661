package org.dotlink.intel;

import java.util.List;

/**
 * The part of one STIX object that the knowledge base uses; everything else (descriptions, references
 * to other sources, dates) is skipped while reading.
 *
 * @param externalId  the {@code external_id} of its {@code mitre-attack} external reference, or null
 * @param aliases     {@code aliases} (groups, campaigns) or {@code x_mitre_aliases} (software)
 * @param phases      phase names of its {@code mitre-attack} kill chain phases (techniques)
 * @param shortName   {@code x_mitre_shortname} (tactics)
 * @param tacticRefs  {@code tactic_refs} (matrices), the tactics in matrix order
 */
record StixObject(String type, String id, String name, String externalId, List<String> aliases,
                  List<String> phases, boolean revoked, boolean deprecated, String shortName,
                  String relationshipType, String sourceRef, String targetRef, List<String> tacticRefs) {}
