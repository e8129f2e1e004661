package org.dotlink.cli.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One day's episodes from every activity, run in time order (ties in the order they were planned), so
 * that an episode sees each host as it is at its time: a reboot planned at 12:00 changes the processes
 * that episodes after 12:00 refer to, and no others.
 */
final class Agenda {

    /** Something to run at a time; {@code order} keeps the planning order among equal times. */
    private record Episode(long time, int order, Runnable run) {}

    private final List<Episode> episodes = new ArrayList<>();

    /** Plans {@code run} at {@code time}; it writes its events then (and may write later ones). */
    void at(long time, Runnable run) {
        episodes.add(new Episode(time, episodes.size(), run));
    }

    void runAll() {
        episodes.sort(Comparator.comparingLong(Episode::time).thenComparingInt(Episode::order));
        for (Episode e : episodes) {
            e.run().run();
        }
        episodes.clear();
    }

    /** Something that happens in the scenario: it plans its episodes one day at a time. */
    interface Activity {
        void plan(int day, Agenda agenda);
    }
}
