package org.dotlink.sigma.correlation;

import java.util.ArrayList;
import java.util.List;
import org.dotlink.core.EventRef;

/**
 * One detection held in a correlation window: when it happened, which referenced rule made it, the
 * value of the measured field (for the {@code value_*} types), its host, and the events behind it (one
 * for a detection rule's detection, several for a correlation's).
 *
 * @param time   event time in microseconds since 1970
 * @param input  the referenced rule ({@link CompiledCorrelation.Input#key()})
 * @param value  the measured field's value, or null when the correlation measures none
 * @param events in an {@link ArrayList} so that serializers can rebuild it
 */
public record WindowEntry(long time, String input, String value, String host, List<EventRef> events) {

    public WindowEntry {
        events = new ArrayList<>(events);
    }
}
