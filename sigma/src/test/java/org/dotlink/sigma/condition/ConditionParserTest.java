package org.dotlink.sigma.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.dotlink.sigma.condition.Condition.And;
import org.dotlink.sigma.condition.Condition.AtLeast;
import org.dotlink.sigma.condition.Condition.Not;
import org.dotlink.sigma.condition.Condition.Of;
import org.dotlink.sigma.condition.Condition.Or;
import org.dotlink.sigma.condition.Condition.Ref;
import org.junit.jupiter.api.Test;

class ConditionParserTest {

    private static final List<String> IDS = List.of("selection", "selection_img", "selection_cli", "filter_main_a",
            "filter_main_b", "filter_optional_x");

    private static boolean eval(String condition, String... matched) {
        Set<String> hits = Set.of(matched);
        return ConditionParser.parse(condition).resolve(IDS).evaluate(hits::contains);
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        assertEquals(new Or(List.of(new Ref("a"), new And(List.of(new Ref("b"), new Not(new Ref("c")))))),
                ConditionParser.parse("a or b and not c"));
        assertEquals(new And(List.of(new Or(List.of(new Ref("a"), new Ref("b"))), new Ref("c"))),
                ConditionParser.parse("(a or b) and c"));
        assertEquals(new Not(new Not(new Ref("a"))), ConditionParser.parse("not not a"));
    }

    @Test
    void quantifiersAndPatterns() {
        assertEquals(new Of(1, "selection_*"), ConditionParser.parse("1 of selection_*"));
        assertEquals(new Of(1, "selection_*"), ConditionParser.parse("any of selection_*"));
        assertEquals(new Of(Of.ALL, null), ConditionParser.parse("all of them"));
        assertEquals(new Of(2, "filter*"), ConditionParser.parse("2 OF filter*"));
    }

    @Test
    void patternsExpandAgainstTheRulesIdentifiers() {
        assertEquals(new And(List.of(new Ref("selection_img"), new Ref("selection_cli"))),
                ConditionParser.parse("all of selection_*").resolve(IDS));
        assertEquals(new Or(List.of(new Ref("filter_main_a"), new Ref("filter_main_b"))),
                ConditionParser.parse("1 of filter_main_*").resolve(IDS));
        assertEquals(new Ref("filter_optional_x"), ConditionParser.parse("1 of filter_optional_*").resolve(IDS));
        assertEquals(new AtLeast(2, List.of(new Ref("filter_main_a"), new Ref("filter_main_b"), new Ref("filter_optional_x"))),
                ConditionParser.parse("2 of filter_*").resolve(IDS));
        assertEquals(6, ((And) ConditionParser.parse("all of them").resolve(IDS)).parts().size());
    }

    @Test
    void evaluationFollowsTheLogic() {
        String typical = "all of selection_* and not 1 of filter_main_* and not 1 of filter_optional_*";
        assertTrue(eval(typical, "selection_img", "selection_cli"));
        assertFalse(eval(typical, "selection_img"), "all of: one selection missing");
        assertFalse(eval(typical, "selection_img", "selection_cli", "filter_main_b"), "a filter matched");
        assertFalse(eval(typical, "selection_img", "selection_cli", "filter_optional_x"));
        assertTrue(eval("selection or (selection_img and selection_cli)", "selection"));
        assertFalse(eval("selection and not selection_cli", "selection", "selection_cli"));
        assertTrue(eval("2 of filter_*", "filter_main_a", "filter_optional_x"));
        assertFalse(eval("2 of filter_*", "filter_main_a"));
        assertTrue(eval("1 of them", "filter_optional_x"));
        assertFalse(eval("all of them", "selection", "selection_img", "selection_cli", "filter_main_a", "filter_main_b"));
    }

    @Test
    void errorsSayWhereAndWhatWasExpected() {
        assertMessage("selection and", "expected a search identifier, '(', 'not' or 'N of', found the end");
        assertMessage("(selection or filter", "expected ')' closing the '(' at position 1, found the end");
        assertMessage("selection filter", "expected 'and', 'or' or the end of the condition, found 'filter' at position 11");
        assertMessage("selection | count() > 5", "aggregation expressions");
        assertMessage("selection_*", "is a pattern; patterns are written as '1 of selection_*'");
        assertMessage("all of", "expected 'them' or a search identifier pattern after 'of', found the end");
        assertMessage("and selection", "found 'and' at position 1");
        ConditionException unknown = assertThrows(ConditionException.class,
                () -> ConditionParser.parse("selection and not filter").resolve(IDS));
        assertTrue(unknown.getMessage().contains("'filter', which is not a search identifier"), unknown.getMessage());
        ConditionException empty = assertThrows(ConditionException.class,
                () -> ConditionParser.parse("1 of keywords*").resolve(IDS));
        assertTrue(empty.getMessage().contains("'keywords*' names no search identifier"), empty.getMessage());
    }

    private static void assertMessage(String condition, String expectedPart) {
        ConditionException e = assertThrows(ConditionException.class, () -> ConditionParser.parse(condition));
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
    }
}
