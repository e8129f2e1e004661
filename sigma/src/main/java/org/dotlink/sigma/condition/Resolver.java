package org.dotlink.sigma.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.dotlink.sigma.condition.Condition.And;
import org.dotlink.sigma.condition.Condition.AtLeast;
import org.dotlink.sigma.condition.Condition.Not;
import org.dotlink.sigma.condition.Condition.Of;
import org.dotlink.sigma.condition.Condition.Or;
import org.dotlink.sigma.condition.Condition.Ref;

/** Expands {@link Of} patterns against a rule's search identifiers and checks every reference exists. */
final class Resolver {

    private Resolver() {}

    static Condition resolve(Condition c, List<String> identifiers) {
        if (c instanceof Ref r) {
            if (!identifiers.contains(r.name())) {
                throw new ConditionException("the condition names '" + r.name() + "', which is not a search identifier"
                        + " of the detection (it has " + identifiers + ")");
            }
            return r;
        }
        if (c instanceof Not n) {
            return new Not(resolve(n.inner(), identifiers));
        }
        if (c instanceof And a) {
            return new And(a.parts().stream().map(p -> resolve(p, identifiers)).toList());
        }
        if (c instanceof Or o) {
            return new Or(o.parts().stream().map(p -> resolve(p, identifiers)).toList());
        }
        if (c instanceof AtLeast l) {
            return new AtLeast(l.count(), l.parts().stream().map(p -> resolve(p, identifiers)).toList());
        }
        Of of = (Of) c;
        List<Condition> refs = new ArrayList<>();
        Pattern glob = of.pattern() == null ? null : glob(of.pattern());
        for (String id : identifiers) {
            if (glob == null || glob.matcher(id).matches()) {
                refs.add(new Ref(id));
            }
        }
        String what = of.pattern() == null ? "them" : of.pattern();
        if (refs.isEmpty()) {
            throw new ConditionException("'" + what + "' names no search identifier of the detection (it has "
                    + identifiers + ")");
        }
        if (of.count() == Of.ALL) {
            return refs.size() == 1 ? refs.get(0) : new And(refs);
        }
        if (of.count() == 1) {
            return refs.size() == 1 ? refs.get(0) : new Or(refs);
        }
        return new AtLeast(of.count(), refs);
    }

    /** A pattern with {@code *} (any run) and {@code ?} (one character) wildcards, matched whole. */
    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
