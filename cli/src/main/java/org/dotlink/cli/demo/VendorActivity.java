package org.dotlink.cli.demo;

import static org.dotlink.cli.demo.ScenarioTime.MINUTE;
import static org.dotlink.cli.demo.ScenarioTime.SECOND;

/**
 * The billing vendor's support staff at work: on most workdays someone comes in over the vendor VPN to
 * the jump host with the shared support account {@code vnd.support}, connects to the switches with PuTTY
 * and to a billing server with Remote Desktop, checks services and logs there, and now and then copies
 * files with WinSCP (a transfer-tool look-alike).
 */
final class VendorActivity implements Agenda.Activity {

    private final Scenario sc;
    private final Rng rng;
    private final Emit e;
    /** The jump host's own background draws from its own stream, so the sessions do not change with the scale. */
    private final Rng backgroundRng;
    private final Emit background;

    VendorActivity(Scenario sc) {
        this.sc = sc;
        this.rng = new Rng(sc.seed(), "vendor");
        this.e = sc.emit(null, rng);
        this.backgroundRng = new Rng(sc.seed(), "jump-host");
        this.background = sc.emit(null, backgroundRng);
    }

    @Override
    public void plan(int day, Agenda agenda) {
        if (!ScenarioTime.isWorkday(day)) {
            return;
        }
        for (int i = rng.count(1.2); i > 0; i--) {
            long t = ScenarioTime.at(day, 2, 0) + rng.between(0, 6 * 60) * MINUTE;
            agenda.at(t, () -> session(t));
        }
        long background = ScenarioTime.at(day, 0, 30);
        agenda.at(background, () -> jumpHostBackground(day));
    }

    private void session(long t) {
        Network net = sc.network();
        Host jump = net.host("VENDOR-JMP01");
        Account vendor = net.account("vnd.support");
        String laptop = "NUSA-LT-0" + rng.between(11, 48);
        Desktop d = Desktop.open(e, t, jump, vendor, 10, rng.pick(Network.VENDOR_VPN_IPS), laptop, true);
        long at = t + rng.between(1, 5) * MINUTE;
        if (rng.chance(0.6)) {
            Proc putty = d.run(e, at, Binaries.PUTTY, "\"C:\\Program Files\\PuTTY\\putty.exe\" ");
            e.connect(at + 8 * SECOND, putty, rng.pick(Network.SWITCH_IPS), 22, null);
            e.end(at + rng.between(5, 40) * MINUTE, putty);
            at += rng.between(6, 45) * MINUTE;
        }
        Host billing = rng.pick(net.byRole(Host.Role.BILLING));
        Proc mstsc = d.run(e, at, Binaries.MSTSC, "\"C:\\Windows\\system32\\mstsc.exe\" /v:" + billing.name());
        e.connect(at + 2 * SECOND, mstsc, billing.ip(), 3389, billing.fqdn());
        Desktop remote = Desktop.open(e, at + 6 * SECOND, billing, vendor, 10, jump.ip(), jump.name(), true);
        long r = at + rng.between(2, 6) * MINUTE;
        Proc mmc = remote.run(e, r, Binaries.MMC, "\"C:\\Windows\\system32\\mmc.exe\" \"C:\\Windows\\system32\\services.msc\" ");
        e.end(r + rng.between(2, 15) * MINUTE, mmc);
        Proc notepad = remote.run(e, r + 16 * MINUTE, Binaries.NOTEPAD,
                "\"C:\\Windows\\system32\\NOTEPAD.EXE\" D:\\BillingApp\\logs\\engine.log");
        e.end(r + rng.between(20, 50) * MINUTE, notepad);
        long leave = r + rng.between(50, 90) * MINUTE;
        if (rng.chance(0.12)) {
            Emit scp = e.as(Label.lookalike("vendor copying files with WinSCP"));
            Proc winscp = d.run(scp, leave - 10 * MINUTE, Binaries.WINSCP, "\"" + Binaries.WINSCP.path() + "\" ");
            scp.connect(leave - 10 * MINUTE + 5 * SECOND, winscp, billing.ip(), 22, billing.fqdn());
            scp.end(leave - 2 * MINUTE, winscp);
        }
        remote.close(e, leave);
        e.end(leave + 2 * SECOND, mstsc);
        d.close(e, leave + rng.between(1, 10) * MINUTE);
    }

    private void jumpHostBackground(int day) {
        Host jump = sc.network().host("VENDOR-JMP01");
        Machine m = background.machine(jump);
        for (int i = backgroundRng.count(6 * sc.scale()); i > 0; i--) {
            long t = ScenarioTime.dayStart(day) + backgroundRng.between(0, 23 * 60) * MINUTE;
            Proc p = background.start(t, m.svchost.get("netsvcs"), Binaries.TASKHOSTW, null, "taskhostw.exe SYSTEM",
                    m.systemSession());
            background.end(t + backgroundRng.between(5, 120) * SECOND, p);
            Host dc = backgroundRng.pick(sc.network().byRole(Host.Role.DOMAIN_CONTROLLER));
            background.connect(t + 30 * SECOND, m.svchost.get("netsvcs"), dc.ip(), 389, dc.fqdn());
        }
    }
}
