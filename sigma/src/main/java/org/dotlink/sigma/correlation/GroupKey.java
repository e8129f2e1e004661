package org.dotlink.sigma.correlation;

import java.util.ArrayList;
import java.util.List;

/**
 * What correlation state is kept per: one correlation rule and one combination of its group-by values.
 * The values are held in an {@link ArrayList} so that serializers (Flink's Kryo) can rebuild the key.
 *
 * @param correlation the correlation's key ({@link CompiledCorrelation#key()})
 * @param values      the group-by values, in the order of the rule's {@code group-by} ("" for an absent field)
 */
public record GroupKey(String correlation, List<String> values) {

    public GroupKey {
        values = new ArrayList<>(values);
    }
}
