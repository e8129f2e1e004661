package org.dotlink.sigma.match;

import org.dotlink.core.Event;

/** Builds test events from name/value pairs; a name given twice makes a multi-valued field. */
final class Events {

    private Events() {
    }

    static Event ev(String... nameValue) {
        Event.Builder b = Event.builder("t");
        for (int i = 0; i < nameValue.length; i += 2) {
            b.add(nameValue[i], nameValue[i + 1]);
        }
        return b.build();
    }
}
