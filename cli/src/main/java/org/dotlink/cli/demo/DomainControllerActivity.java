package org.dotlink.cli.demo;

import static org.dotlink.cli.demo.ScenarioTime.MINUTE;
import static org.dotlink.cli.demo.ScenarioTime.SECOND;

import java.util.List;

/**
 * The domain controllers' day, hour by hour: every machine account and every working user
 * authenticating (network logons with Kerberos, service tickets), replication between the two
 * controllers, and Defender.
 */
final class DomainControllerActivity implements Agenda.Activity {

    private final Scenario sc;
    private final Rng rng;
    private final Emit e;

    DomainControllerActivity(Scenario sc) {
        this.sc = sc;
        this.rng = new Rng(sc.seed(), "domain-controllers");
        this.e = sc.emit(null, rng);
    }

    @Override
    public void plan(int day, Agenda agenda) {
        for (Host dc : sc.network().byRole(Host.Role.DOMAIN_CONTROLLER)) {
            for (int hour = 0; hour < 24; hour++) {
                long t = ScenarioTime.at(day, hour, rng.between(0, 3));
                boolean office = ScenarioTime.isWorkday(day) && hour >= 1 && hour <= 10;
                agenda.at(t, () -> hour(dc, t, office));
            }
        }
    }

    private void hour(Host dc, long t, boolean office) {
        Network net = sc.network();
        Machine m = e.machine(dc);
        List<Host> dcs = net.byRole(Host.Role.DOMAIN_CONTROLLER);
        Host peer = dcs.stream().filter(x -> !x.equals(dc)).findFirst().orElseThrow();
        for (Host h : net.hosts()) {
            if (h.equals(dc)) {
                continue;
            }
            double rate = h.role() == Host.Role.EXCHANGE ? 2.0 : h.role() == Host.Role.DOMAIN_CONTROLLER ? 1.0 : 0.5;
            for (int i = rng.count(rate * Math.min(1, sc.scale() * 2)); i > 0; i--) {
                authenticate(dc, net.machine(h), h.ip(), h.name(), t + rng.between(0, 59) * MINUTE, h.isServer());
            }
        }
        if (office) {
            for (Host ws : net.byRole(Host.Role.WORKSTATION)) {
                if (rng.chance(0.45)) {
                    authenticate(dc, net.userOf(ws), ws.ip(), ws.name(), t + rng.between(0, 59) * MINUTE, true);
                }
            }
            for (int i = rng.count(22 * sc.scale()); i > 0; i--) {
                Network.MailUser u = rng.pick(net.mailUsers());
                authenticate(dc, u.account(), u.desktopIp(), "-", t + rng.between(0, 59) * MINUTE, rng.chance(0.5));
            }
        }
        Proc lsass = m.lsass;
        for (int i = 0; i < 2; i++) {
            e.connect(t + rng.between(0, 59) * MINUTE, lsass, peer.ip(), rng.pick(135, 49668), peer.fqdn());
        }
        if (rng.chance(0.3 * sc.scale())) {
            Proc p = e.start(t + rng.between(0, 50) * MINUTE, m.svchost.get("netsvcs"), Binaries.TASKHOSTW, null,
                    "taskhostw.exe SYSTEM", m.systemSession());
            e.end(p.started() + rng.between(5, 200) * SECOND, p);
        }
        if (rng.chance(0.04)) {
            e.as(Label.lookalike("Defender reading LSASS memory")).access(t + rng.between(0, 59) * MINUTE, m.defender,
                    m.lsass, "0x1010", "C:\\Windows\\SYSTEM32\\ntdll.dll+9c534|C:\\Windows\\System32\\KERNELBASE.dll+2b8ae|"
                            + Binaries.MSMPENG.path() + "+1f2a3|C:\\Windows\\System32\\KERNEL32.DLL+17bd4");
        }
    }

    /** A network logon (Kerberos) and, often, a service ticket; the logoff follows within a minute. */
    private void authenticate(Host dc, Account a, String ip, String name, long t, boolean ticket) {
        if (ticket) {
            Account service = rng.chance(0.5) ? sc.network().machine(rng.pick(sc.network().byRole(Host.Role.EXCHANGE)))
                    : sc.network().machine(dc);
            e.serviceTicket(t - rng.between(50, 900), dc, a, service, ip);
        }
        Session s = e.logon(t, dc, a, 3, ip, name, true, false);
        e.logoff(t + rng.between(1, 60) * SECOND, dc, s, 3);
    }
}
