package org.dotlink.cli.demo;

import static org.dotlink.cli.demo.ScenarioTime.MINUTE;
import static org.dotlink.cli.demo.ScenarioTime.SECOND;

import java.util.List;

/**
 * The Exchange servers' own activity, hour by hour: IIS workers of the Exchange application pools
 * talking to the domain controllers and to the other server, the transport service sending mail, the
 * health manager restarting its workers, and the network logons of Outlook users and health mailboxes.
 */
final class ExchangeActivity implements Agenda.Activity {

    static final String OWA_POOL = "MSExchangeOWAAppPool";
    static final String ECP_POOL = "MSExchangeECPAppPool";
    static final List<String> POOLS = List.of(OWA_POOL, ECP_POOL, "MSExchangeMapiFrontEndAppPool",
            "MSExchangeSyncAppPool", "MSExchangeServicesAppPool", "MSExchangeAutodiscoverAppPool", "DefaultAppPool");

    private final Scenario sc;
    private final Rng rng;
    private final Emit e;

    ExchangeActivity(Scenario sc) {
        this.sc = sc;
        this.rng = new Rng(sc.seed(), "exchange");
        this.e = sc.emit(null, rng);
    }

    /**
     * The IIS worker of an application pool: the running one, or a new one started now by the IIS
     * service (WAS), as after a recycle or a restart.
     */
    static Proc pool(Emit e, Host h, String pool, long t) {
        Machine m = e.machine(h);
        Proc w = m.w3wp.get(pool);
        if (w != null) {
            return w;
        }
        w = e.start(t, m.svchost.get("iissvcs"), Binaries.W3WP, null, "c:\\windows\\system32\\inetsrv\\w3wp.exe -ap \""
                + pool + "\" -v \"v4.0\" -c \"C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\"
                + "GenericAppPoolConfigWithGCServerEnabledFalse.config\" -a \\\\.\\pipe\\iisipm" + e.rng().uuid()
                + " -h \"C:\\inetpub\\temp\\apppools\\" + pool + "\\" + pool + ".config\" -w \"\" -m 0",
                "C:\\Windows\\system32\\", m.systemSession());
        m.w3wp.put(pool, w);
        e.load(t + 300, w, Binaries.CLR_DLL, null);
        if (pool.equals(OWA_POOL)) {
            e.as(Label.lookalike("signed Exchange DLL loaded from the OWA bin folder"))
                    .load(t + 2 * SECOND, w, Binaries.OWA_SERVER_DLL, null);
        }
        return w;
    }

    /** The application pool was recycled: its worker ends, a new one starts. */
    static Proc recycle(Emit e, Host h, String pool, long t) {
        Machine m = e.machine(h);
        Proc old = m.w3wp.remove(pool);
        if (old != null) {
            e.end(t + 900, old);
        }
        return pool(e, h, pool, t + 1200);
    }

    @Override
    public void plan(int day, Agenda agenda) {
        for (Host h : sc.network().byRole(Host.Role.EXCHANGE)) {
            for (int hour = 0; hour < 24; hour++) {
                long t = ScenarioTime.at(day, hour, rng.between(0, 5));
                agenda.at(t, () -> hour(h, t));
            }
        }
    }

    private void hour(Host h, long t) {
        Machine m = e.machine(h);
        Network net = sc.network();
        List<Host> dcs = net.byRole(Host.Role.DOMAIN_CONTROLLER);
        Host other = net.byRole(Host.Role.EXCHANGE).stream().filter(x -> !x.equals(h)).findFirst().orElseThrow();
        for (String p : POOLS) {
            pool(e, h, p, t);
        }
        for (int i = rng.count(8 * sc.scale()); i > 0; i--) {
            Host dc = rng.pick(dcs);
            e.connect(t + rng.between(0, 59) * MINUTE, m.w3wp.get(rng.pick(POOLS)), dc.ip(), rng.pick(389, 3268, 88),
                    dc.fqdn());
        }
        for (int i = rng.count(4 * sc.scale()); i > 0; i--) {
            e.connect(t + rng.between(0, 59) * MINUTE, m.w3wp.get("MSExchangeMapiFrontEndAppPool"), other.ip(), 444,
                    other.fqdn());
        }
        Proc transport = Services.get(e, h, "MSExchangeTransport");
        for (int i = rng.count(5 * sc.scale()); i > 0; i--) {
            e.connect(t + rng.between(0, 59) * MINUTE, transport, rng.chance(0.5) ? other.ip() : "10.10.0.25", 25,
                    null);
        }
        if (rng.chance(0.12)) {
            Proc host = Services.get(e, h, "MSExchangeHM");
            long at = t + rng.between(0, 55) * MINUTE;
            Proc worker = e.start(at, host, Binaries.EXCHANGE_HM_WORKER, null, "\"" + Binaries.EXCHANGE_HM_WORKER.path()
                    + "\" -wp:\"" + rng.between(1000, 9000) + "\"", m.systemSession());
            e.end(at + rng.between(20, 50) * MINUTE, worker);
        }
        // health mailboxes probing the server, and Outlook users' Kerberos logons
        for (int i = rng.count(3 * sc.scale()); i > 0; i--) {
            long at = t + rng.between(0, 59) * MINUTE;
            Account probe = net.account(rng.pick("HealthMailbox7c3f1a2", "HealthMailboxe91d0b4"));
            Session s = e.logon(at, h, probe, 3, "127.0.0.1", "-", false, false);
            e.logoff(at + rng.between(1, 20) * SECOND, h, s, 3);
        }
        int hourOfDay = (int) ((t - ScenarioTime.START) / ScenarioTime.HOUR % 24);
        boolean office = ScenarioTime.isWorkday((int) ((t - ScenarioTime.START) / ScenarioTime.DAY))
                && hourOfDay >= 1 && hourOfDay <= 10;
        if (office) {
            for (Host ws : net.byRole(Host.Role.WORKSTATION)) {
                Account u = net.userOf(ws);
                if (net.mailUserOf(u).server().equals(h) && rng.chance(0.5)) {
                    long at = t + rng.between(0, 59) * MINUTE;
                    Session s = e.logon(at, h, u, 3, ws.ip(), ws.name(), true, false);
                    e.logoff(at + rng.between(1, 30) * SECOND, h, s, 3);
                }
            }
            for (int i = rng.count(10 * sc.scale()); i > 0; i--) {
                Network.MailUser u = rng.pick(net.mailUsers());
                long at = t + rng.between(0, 59) * MINUTE;
                Session s = e.logon(at, h, u.account(), 3, u.desktopIp(), "-", true, false);
                e.logoff(at + rng.between(1, 30) * SECOND, h, s, 3);
            }
        }
    }
}
