package org.dotlink.ingest;

import java.util.List;
import org.dotlink.core.Event;
import org.dotlink.core.ReadProblem;

/**
 * The unit of work readers hand on: the events of one EVTX chunk, or one block of lines, in source
 * order, with whatever could not be read in that piece.
 */
public record EventBatch(List<Event> events, List<ReadProblem> problems) {

    public EventBatch {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }

    public static EventBatch of(ReadProblem problem) {
        return new EventBatch(List.of(), List.of(problem));
    }
}
