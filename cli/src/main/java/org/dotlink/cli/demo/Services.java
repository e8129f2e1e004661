package org.dotlink.cli.demo;

import java.util.List;

/**
 * The application services a server runs (Exchange's health manager and transport, the billing engine,
 * the CDR collector, SQL Server): started by services.exe at boot. Those that were running when the
 * scenario began are known without a start event; after a restart in the scenario their start is
 * written.
 */
final class Services {

    /** One service's process. */
    record Service(String name, Binary binary, String commandLine) {}

    private Services() {}

    static List<Service> of(Host h) {
        return switch (h.role()) {
            case EXCHANGE -> List.of(
                    new Service("MSExchangeHM", Binaries.EXCHANGE_HM_HOST, "\"" + Binaries.EXCHANGE_HM_HOST.path() + "\""),
                    new Service("MSExchangeTransport", Binaries.EXCHANGE_TRANSPORT,
                            "\"" + Binaries.EXCHANGE_TRANSPORT.path() + "\""));
            case BILLING -> List.of(
                    new Service("MSSQLSERVER", Binaries.SQLSERVR, "\"" + Binaries.SQLSERVR.path() + "\" -sMSSQLSERVER"),
                    new Service("NusaBillEngine", Binaries.BILLING_ENGINE, Binaries.BILLING_ENGINE.path() + " -service"),
                    new Service("NusaBillCdrCollector", Binaries.CDR_COLLECTOR, Binaries.CDR_COLLECTOR.path() + " -service"));
            default -> List.of();
        };
    }

    /** The running process of service {@code name} on {@code h}. */
    static Proc get(Emit e, Host h, String name) {
        Machine m = e.machine(h);
        Proc p = m.serviceProcs.get(name);
        if (p != null) {
            return p;
        }
        Service s = of(h).stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        long t = m.bootTime() + 40_000 + m.serviceProcs.size() * 1_500L;
        p = m.spawn(t, m.services, s.binary(), null, s.commandLine(), m.systemSession());
        m.serviceProcs.put(name, p);
        if (t >= ScenarioTime.START) {
            e.started(p);
        }
        return p;
    }

    /** After a restart: every application service of the host starts. */
    static void startAll(Emit e, Host h) {
        for (Service s : of(h)) {
            get(e, h, s.name());
        }
    }
}
