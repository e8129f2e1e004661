package org.dotlink.intel;

/**
 * Small STIX bundles written for tests: enough of ATT&amp;CK's shape (techniques with a sub-technique, a
 * revoked technique and its replacement, a deprecated technique and group, tactics, groups, software, a
 * campaign attributed to a group) to check each rule of the knowledge base without the real data.
 */
public final class TestBundles {

    private TestBundles() {}

    /** A STIX 2.1 bundle (spec_version on each object, none on the bundle), as attack-stix-data publishes. */
    public static String stix21() {
        return """
                {"type": "bundle", "id": "bundle--1", "objects": [
                  %s
                ]}
                """.formatted(objects("\"spec_version\": \"2.1\", "));
    }

    /** The same objects as a STIX 2.0 bundle (spec_version on the bundle), as mitre/cti publishes. */
    public static String stix20() {
        return """
                {"type": "bundle", "id": "bundle--1", "spec_version": "2.0", "objects": [
                  %s
                ]}
                """.formatted(objects(""));
    }

    private static String objects(String spec) {
        return String.join(",\n", obj(spec, "x-mitre-matrix", "x-mitre-matrix--m", "Enterprise ATT&CK", null,
                        "\"tactic_refs\": [\"x-mitre-tactic--ia\", \"x-mitre-tactic--ca\"]"),
                obj(spec, "x-mitre-tactic", "x-mitre-tactic--ca", "Credential Access", "TA0006",
                        "\"x_mitre_shortname\": \"credential-access\""),
                obj(spec, "x-mitre-tactic", "x-mitre-tactic--ia", "Initial Access", "TA0001",
                        "\"x_mitre_shortname\": \"initial-access\""),
                technique(spec, "attack-pattern--t1190", "Exploit Public-Facing Application", "T1190", "initial-access", ""),
                technique(spec, "attack-pattern--t1003", "OS Credential Dumping", "T1003", "credential-access", ""),
                technique(spec, "attack-pattern--t1003-001", "LSASS Memory", "T1003.001", "credential-access",
                        "\"x_mitre_is_subtechnique\": true, "),
                technique(spec, "attack-pattern--t1003-002", "Security Account Manager", "T1003.002",
                        "credential-access", "\"x_mitre_is_subtechnique\": true, "),
                technique(spec, "attack-pattern--old", "Credential Dumping", "T9001", "credential-access",
                        "\"revoked\": true, "),
                technique(spec, "attack-pattern--dep", "Scripting", "T9002", "initial-access",
                        "\"x_mitre_deprecated\": true, "),
                obj(spec, "intrusion-set", "intrusion-set--g1", "GALLIUM", "G0093",
                        "\"aliases\": [\"GALLIUM\", \"Granite Typhoon\"]"),
                obj(spec, "intrusion-set", "intrusion-set--g2", "APT27", "G0027", "\"aliases\": [\"APT27\"]"),
                obj(spec, "intrusion-set", "intrusion-set--g3", "Old Group", "G0014", "\"x_mitre_deprecated\": true"),
                obj(spec, "tool", "tool--s2", "Mimikatz", "S0002", "\"x_mitre_aliases\": [\"Mimikatz\"]"),
                obj(spec, "malware", "malware--s20", "China Chopper", "S0020", "\"x_mitre_aliases\": [\"China Chopper\"]"),
                obj(spec, "campaign", "campaign--c1", "Soft Cell", "C0099", "\"aliases\": [\"Soft Cell\"]"),
                rel(spec, "r1", "revoked-by", "attack-pattern--old", "attack-pattern--t1003-001"),
                rel(spec, "r2", "uses", "intrusion-set--g1", "attack-pattern--t1190"),
                rel(spec, "r3", "uses", "intrusion-set--g1", "malware--s20"),
                rel(spec, "r4", "uses", "campaign--c1", "attack-pattern--old"),
                rel(spec, "r5", "uses", "campaign--c1", "tool--s2"),
                rel(spec, "r6", "attributed-to", "campaign--c1", "intrusion-set--g1"),
                rel(spec, "r7", "uses", "tool--s2", "attack-pattern--t1003-001"),
                rel(spec, "r8", "uses", "intrusion-set--g2", "attack-pattern--dep"),
                rel(spec, "r9", "uses", "intrusion-set--g2", "attack-pattern--t1003-002"),
                rel(spec, "r10", "uses", "intrusion-set--g3", "attack-pattern--t1190"),
                "{" + spec + "\"type\": \"course-of-action\", \"id\": \"course-of-action--x\", \"name\": \"ignored\","
                        + " \"description\": \"skipped {with [brackets]}\"}");
    }

    private static String technique(String spec, String id, String name, String ext, String tactic, String extra) {
        return obj(spec, "attack-pattern", id, name, ext, extra + "\"kill_chain_phases\": [{\"kill_chain_name\":"
                + " \"mitre-attack\", \"phase_name\": \"" + tactic + "\"}]");
    }

    private static String obj(String spec, String type, String id, String name, String ext, String extra) {
        String refs = ext == null ? "" : "\"external_references\": [{\"source_name\": \"mitre-attack\", \"external_id\": \""
                + ext + "\", \"url\": \"https://attack.mitre.org/\"}, {\"source_name\": \"other\", \"external_id\": \"X\"}], ";
        return "{" + spec + "\"type\": \"" + type + "\", \"id\": \"" + id + "\", \"name\": \"" + name + "\", "
                + "\"description\": \"a \\\"quoted\\\" description\", " + refs + extra + "}";
    }

    private static String rel(String spec, String id, String type, String from, String to) {
        return "{" + spec + "\"type\": \"relationship\", \"id\": \"relationship--" + id + "\", \"relationship_type\": \""
                + type + "\", \"source_ref\": \"" + from + "\", \"target_ref\": \"" + to + "\"}";
    }
}
