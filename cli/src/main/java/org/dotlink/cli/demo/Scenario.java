package org.dotlink.cli.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every part of the scenario shares while it is generated: the network, the running state of each
 * host, where events go, and the options.
 *
 * @param scale how much ordinary activity to generate (1 is the demo; less for quick tests); the
 *              intrusions and the look-alikes do not change with it
 */
record Scenario(Network network, Map<String, Machine> machines, LogWriter out, long seed, double scale) {

    static Scenario create(Network network, LogWriter out, long seed, double scale) {
        Map<String, Machine> machines = new LinkedHashMap<>();
        for (Host h : network.hosts()) {
            machines.put(h.name(), new Machine(h, seed));
        }
        return new Scenario(network, machines, out, seed, scale);
    }

    Machine machine(Host h) {
        return machines.get(h.name());
    }

    /** Writes events with this label (null for ordinary activity), drawing identifiers from {@code rng}. */
    Emit emit(Label label, Rng rng) {
        return new Emit(this, label, rng);
    }
}
