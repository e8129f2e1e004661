package org.dotlink.sigma.match;

import static org.dotlink.sigma.match.Events.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** expand placeholders, and every way an item fails to compile. */
class ExpandAndErrorTest {

    private static final Map<String, List<String>> PLACEHOLDERS = Map.of(
            "DomainControllers", List.of("dc1*", "dc2.corp.local"),
            "Admins", List.of("adm_*"),
            "Empty", List.of());

    private static MatchCompileException fails(String key, Object value) {
        return assertThrows(MatchCompileException.class, () -> FieldMatcher.compile(key, value, PLACEHOLDERS));
    }

    @Test
    void expandReplacesThePlaceholderWithEachValue() {
        FieldMatcher m = FieldMatcher.compile("Computer|expand", "%DomainControllers%", PLACEHOLDERS);
        assertTrue(m.matches(ev("Computer", "DC1.corp.local")));
        assertTrue(m.matches(ev("Computer", "dc2.corp.local")));
        assertFalse(m.matches(ev("Computer", "dc3.corp.local")));
        assertFalse(m.matches(ev("Computer", "dc2.corp.local.evil")));
    }

    @Test
    void expandKeepsSurroundingTextAndCombinesWithOtherModifiers() {
        FieldMatcher m = FieldMatcher.compile("TargetUserName|expand|startswith", "corp\\\\%Admins%", PLACEHOLDERS);
        assertTrue(m.matches(ev("TargetUserName", "CORP\\adm_bob")));
        assertFalse(m.matches(ev("TargetUserName", "CORP\\bob")));
        FieldMatcher neq = FieldMatcher.compile("Computer|expand|neq", "%DomainControllers%", PLACEHOLDERS);
        assertTrue(neq.matches(ev("Computer", "ws17")));
        assertFalse(neq.matches(ev("Computer", "dc1-b")));
    }

    @Test
    void escapedPercentIsPlain() {
        FieldMatcher m = FieldMatcher.compile("F|expand", "100\\%", PLACEHOLDERS);
        assertTrue(m.matches(ev("F", "100%")));
        assertFalse(m.matches(ev("F", "100")));
    }

    @Test
    void percentSignsThatAreNotPlaceholdersStayLiteral() {
        FieldMatcher m = FieldMatcher.compile("F|expand|contains", "50% of %Admins%", PLACEHOLDERS);
        assertTrue(m.matches(ev("F", "x 50% of adm_bob")));
        assertFalse(m.matches(ev("F", "x 50% of bob")));
    }

    @Test
    void withoutExpandAPlaceholderIsLiteral() {
        FieldMatcher m = FieldMatcher.compile("Computer", "%DomainControllers%");
        assertTrue(m.matches(ev("Computer", "%domaincontrollers%")));
        assertFalse(m.matches(ev("Computer", "dc1")));
    }

    @Test
    void placeholderWithoutValuesFails() {
        MatchCompileException missing = fails("Computer|expand", "%Servers%");
        assertTrue(missing.getMessage().contains("%Servers%") && missing.getMessage().contains("no values"),
                missing.getMessage());
        MatchCompileException empty = fails("Computer|expand", "%Empty%");
        assertTrue(empty.getMessage().contains("%Empty%") && empty.getMessage().contains("no values"), empty.getMessage());
        MatchCompileException noMap = assertThrows(MatchCompileException.class,
                () -> FieldMatcher.compile("Computer|expand", "%DomainControllers%"));
        assertTrue(noMap.getMessage().contains("no values"), noMap.getMessage());
    }

    @Test
    void unknownModifierFailsAndNamesIt() {
        MatchCompileException e = fails("Image|contians", "cmd.exe");
        assertEquals("Unknown Sigma modifier 'contians' in 'Image|contians'", e.getMessage());
        MatchCompileException later = fails("CommandLine|contains|base64offsets", "x");
        assertTrue(later.getMessage().contains("'base64offsets'"), later.getMessage());
        MatchCompileException upper = fails("Image|EndsWith", "x");
        assertTrue(upper.getMessage().contains("'EndsWith'"), upper.getMessage());
        MatchCompileException empty = fails("Image||contains", "x");
        assertTrue(empty.getMessage().contains("Unknown Sigma modifier ''"), empty.getMessage());
    }

    @Test
    void reSubModifiersWithoutReFail() {
        assertTrue(fails("F|i", "x").getMessage().contains("only valid with 're'"));
        assertTrue(fails("F|contains|m", "x").getMessage().contains("only valid with 're'"));
    }

    @Test
    void invalidOrUnsupportedRegexFails() {
        assertTrue(fails("F|re", "([a-z]").getMessage().contains("Invalid regular expression"));
        // backreferences need backtracking: RE2/J rejects them rather than risk exponential time
        assertTrue(fails("F|re", "(a)\\1").getMessage().contains("Invalid regular expression"));
    }

    @Test
    void badTypedValuesFail() {
        assertTrue(fails("Ip|cidr", "10.0.0.0/33").getMessage().contains("Invalid CIDR"));
        assertTrue(fails("Ip|cidr", "10.0.0/8").getMessage().contains("Invalid CIDR"));
        assertTrue(fails("Ip|cidr", "fe80:::1/64").getMessage().contains("Invalid CIDR"));
        assertTrue(fails("Count|gt", "ten").getMessage().contains("needs a number"));
        assertTrue(fails("T|hour", "noon").getMessage().contains("needs a number"));
        assertTrue(fails("F|exists", "maybe").getMessage().contains("true or false"));
        assertTrue(fails("F|exists", List.of(true, false)).getMessage().contains("one boolean"));
    }

    @Test
    void meaninglessCombinationsFail() {
        assertTrue(fails("F|re|contains", "x").getMessage().contains("'contains' cannot be combined with 're'"));
        assertTrue(fails("F|cidr|base64", "10.0.0.0/8").getMessage().contains("cannot be combined with 'cidr'"));
        assertTrue(fails("F|exists|contains", true).getMessage().contains("cannot be combined with 'exists'"));
        assertTrue(fails("F|lt|gt", 1).getMessage().contains("Conflicting"));
        assertTrue(fails("F|gt|neq", 1).getMessage().contains("'neq' cannot be combined"));
        assertTrue(fails("F|fieldref|windash", "G").getMessage().contains("cannot be combined with 'fieldref'"));
        assertTrue(fails("|exists", true).getMessage().contains("needs a field"));
        assertTrue(fails("|fieldref", "G").getMessage().contains("needs a field"));
    }

    @Test
    void encodingErrorsFail() {
        assertTrue(fails("F|contains|base64", "cmd").getMessage().contains("wildcards"));
        assertTrue(fails("F|utf16le", "cmd").getMessage().contains("followed by 'base64'"));
        assertTrue(fails("F|utf16le|utf16be|base64", "cmd").getMessage().contains("'utf16be' cannot follow"));
        assertTrue(fails("F|utf16le|contains|base64", "cmd").getMessage().contains("'contains' cannot follow"));
    }

    @Test
    void unsupportedValueTypesFail() {
        assertTrue(fails("F", Map.of("a", "b")).getMessage().contains("Unsupported value"));
        assertTrue(fails("F", List.of()).getMessage().contains("No value"));
    }
}
