package org.dotlink.cli.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.cli.demo.Host.Role;
import org.dotlink.cli.demo.Host.Shipper;

/**
 * The network of a small mobile operator, PT Sunda Telekomunikasi: two Exchange servers, two domain
 * controllers, two billing/CDR servers, ten workstations and a jump host for the billing vendor, in the
 * domain {@code SUNDATEL} ({@code sundatel.local}). Servers ship their logs with Winlogbeat, workstations
 * with NXLog. Also the people: staff with mailboxes (more than the ten monitored desktops), the IT
 * administrators with separate admin accounts, service accounts and the vendor's support account.
 */
final class Network {

    static final String NETBIOS = "SUNDATEL";
    static final String DNS_DOMAIN = "sundatel.local";
    static final String MAIL_DOMAIN = "sundatel.co.id";
    static final String DOMAIN_SID = "S-1-5-21-3623811015-3361044348-30300820";

    /** The web proxy every workstation browses through. */
    static final String PROXY_IP = "10.10.0.10";
    /** The NAS holding the backup share {@code \\NAS01\backup$}. */
    static final String NAS_IP = "10.10.2.50";
    /** The mobile switching centres that deliver call detail records to the billing servers. */
    static final List<String> SWITCH_IPS = List.of("10.20.0.11", "10.20.0.12", "10.20.0.13", "10.20.0.14");
    /** Addresses the billing vendor's staff come from (its site-to-site VPN). */
    static final List<String> VENDOR_VPN_IPS = List.of("172.20.5.10", "172.20.5.11", "172.20.5.12", "172.20.5.13");

    /** One mailbox and how its owner reaches Exchange. */
    record MailUser(Account account, String desktopIp, String homeIp, boolean phone, String deviceId, Host server,
                    String mailboxGuid) {}

    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, Account> userOfHost = new LinkedHashMap<>();
    private final Map<String, Account> adminOfHost = new LinkedHashMap<>();
    private final List<MailUser> mailUsers = new ArrayList<>();
    private int nextRid = 1105;

    Network(long seed) {
        Rng rng = new Rng(seed, "network");
        host("EXCH01", "10.10.1.11", Role.EXCHANGE, Shipper.WINLOGBEAT);
        host("EXCH02", "10.10.1.12", Role.EXCHANGE, Shipper.WINLOGBEAT);
        host("DC01", "10.10.1.21", Role.DOMAIN_CONTROLLER, Shipper.WINLOGBEAT);
        host("DC02", "10.10.1.22", Role.DOMAIN_CONTROLLER, Shipper.WINLOGBEAT);
        host("BILL01", "10.10.2.31", Role.BILLING, Shipper.WINLOGBEAT);
        host("BILL02", "10.10.2.32", Role.BILLING, Shipper.WINLOGBEAT);
        host("VENDOR-JMP01", "10.10.9.5", Role.JUMP_HOST, Shipper.WINLOGBEAT);
        String[][] desks = {
            {"WS-IT01", "r.rahman", "adm.rahman"}, {"WS-IT02", "w.lim", "adm.lim"},
            {"WS-NOC01", "d.pratama", null}, {"WS-NOC02", "s.wulandari", null},
            {"WS-FIN01", "a.nugroho", null}, {"WS-FIN02", "m.siregar", null},
            {"WS-ENG01", "r.kusuma", null}, {"WS-ENG02", "n.hidayat", null},
            {"WS-ENG03", "t.halim", null}, {"WS-CS01", "f.saputra", null}};
        for (int i = 0; i < desks.length; i++) {
            Host h = host(desks[i][0], "10.10.5." + (101 + i), Role.WORKSTATION, Shipper.NXLOG);
            userOfHost.put(h.name(), user(desks[i][1]));
            if (desks[i][2] != null) {
                adminOfHost.put(h.name(), user(desks[i][2]));
            }
        }
        accounts.put("Administrator", new Account(NETBIOS, "Administrator", DOMAIN_SID + "-500"));
        for (String s : List.of("svc_backup", "svc_billing", "vnd.support", "HealthMailbox7c3f1a2", "HealthMailboxe91d0b4")) {
            user(s);
        }
        for (Host h : hosts.values()) {
            accounts.put(h.name() + "$", new Account(NETBIOS, h.name() + "$", DOMAIN_SID + "-" + (nextRid++)));
        }
        String[] first = {"agus", "budi", "citra", "dewi", "eko", "fitri", "gita", "hendra", "indah", "joko", "kartika",
            "lina", "made", "nur", "oki", "putri", "rina", "sari", "tono", "umar", "wahyu", "yanti", "yudi", "zul"};
        String[] last = {"santoso", "wijaya", "kurniawan", "lestari", "setiawan", "susanto", "hasibuan", "nasution",
            "simanjuntak", "gunawan", "hakim", "permana", "rahayu", "sinaga", "tanjung", "utomo"};
        List<Host> exchange = byRole(Role.EXCHANGE);
        for (Account a : new ArrayList<>(userOfHost.values())) {
            mailUsers.add(mailUser(rng, a, ipOfUser(a), exchange));
        }
        for (String admin : List.of("vnd.support")) {
            mailUsers.add(mailUser(rng, accounts.get(admin), "10.10.9.5", exchange));
        }
        while (mailUsers.size() < 140) {
            String name = first[rng.nextInt(first.length)].charAt(0) + "." + last[rng.nextInt(last.length)];
            if (accounts.containsKey(name)) {
                name = name + (mailUsers.size() % 10);
            }
            if (accounts.containsKey(name)) {
                continue;
            }
            String desk = "10.10." + rng.between(6, 7) + "." + rng.between(10, 250);
            mailUsers.add(mailUser(rng, user(name), desk, exchange));
        }
    }

    private MailUser mailUser(Rng rng, Account a, String desktopIp, List<Host> exchange) {
        String[] isp = {"36.72", "36.81", "114.124", "114.125", "182.1", "110.136", "180.252", "139.195"};
        String home = isp[rng.nextInt(isp.length)] + "." + rng.between(1, 254) + "." + rng.between(1, 254);
        boolean phone = rng.chance(0.6);
        String device = (rng.chance(0.5) ? "ApplC" : "androidc") + rng.hex(20).toUpperCase();
        Host server = exchange.get(rng.nextInt(exchange.size()));
        return new MailUser(a, desktopIp, home, phone, device, server, rng.uuid());
    }

    private Host host(String name, String ip, Role role, Shipper shipper) {
        Host h = new Host(name, ip, role, shipper, sha256Hex("machine:" + name).substring(0, 8));
        hosts.put(name, h);
        return h;
    }

    private Account user(String name) {
        return accounts.computeIfAbsent(name, n -> new Account(NETBIOS, n, DOMAIN_SID + "-" + (nextRid++)));
    }

    /** A domain account created during the scenario (it gets the next RID). */
    Account createAccount(String name) {
        return user(name);
    }

    Host host(String name) {
        Host h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host " + name);
        }
        return h;
    }

    List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    List<Host> byRole(Role role) {
        return hosts.values().stream().filter(h -> h.role() == role).toList();
    }

    Account account(String name) {
        Account a = accounts.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no account " + name);
        }
        return a;
    }

    /** The machine account of a host ({@code EXCH01$}). */
    Account machine(Host h) {
        return accounts.get(h.name() + "$");
    }

    /** The person working at a workstation. */
    Account userOf(Host workstation) {
        return userOfHost.get(workstation.name());
    }

    /** The admin account of the IT staff member at this workstation, or null. */
    Account adminOf(Host workstation) {
        return adminOfHost.get(workstation.name());
    }

    List<MailUser> mailUsers() {
        return mailUsers;
    }

    /** The mailbox of an account. */
    MailUser mailUserOf(Account a) {
        return mailUsers.stream().filter(u -> u.account().equals(a)).findFirst().orElseThrow();
    }

    private String ipOfUser(Account a) {
        for (var e : userOfHost.entrySet()) {
            if (e.getValue().equals(a)) {
                return hosts.get(e.getKey()).ip();
            }
        }
        throw new IllegalStateException(a.name());
    }

    /** Hex SHA-256 of a text: the stable source of machine ids and file hashes. */
    static String sha256Hex(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(64);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
