package org.dotlink.cli.demo;

import static org.dotlink.cli.demo.ScenarioTime.HOUR;
import static org.dotlink.cli.demo.ScenarioTime.MINUTE;
import static org.dotlink.cli.demo.ScenarioTime.SECOND;

import java.util.List;

/**
 * Ordinary traffic in the Exchange servers' IIS logs: Outlook on desktops (MAPI over HTTP,
 * Autodiscover, EWS, the offline address book), phones with ActiveSync long polls day and night, staff
 * reading mail in OWA from home in the evening, administrators in the ECP, and Exchange's own health
 * probes from the server itself.
 */
final class OwaTraffic implements Agenda.Activity {

    static final String OUTLOOK_UA = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.13801; Pro)";
    static final String CHROME_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/89.0.4389.82 Safari/537.36";
    private static final String FIREFOX_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:86.0) Gecko/20100101 Firefox/86.0";
    private static final String IPHONE_UA = "Apple-iPhone12C1/1803.148";
    private static final String ANDROID_UA = "Android-Mail/2021.02.21.361232719.Release";
    private static final String PROBE_UA = "AMProbe/Local/ClientAccess";
    private static final List<String> OWA_ACTIONS = List.of("GetOwaUserConfiguration", "FindItem", "GetItem",
            "FindConversation", "GetConversationItems", "GetFolderMruConfiguration", "SubscribeToNotification",
            "GetAttachmentThumbnail", "CreateItem", "UpdateItem", "GetCalendarEvent", "GetPeopleFilters");

    private final Scenario sc;
    private final Rng rng;
    private final Emit e;

    OwaTraffic(Scenario sc) {
        this.sc = sc;
        this.rng = new Rng(sc.seed(), "owa-traffic");
        this.e = sc.emit(null, rng);
    }

    @Override
    public void plan(int day, Agenda agenda) {
        for (Host h : sc.network().byRole(Host.Role.EXCHANGE)) {
            agenda.at(ScenarioTime.dayStart(day), () -> day(h, day));
        }
    }

    private long gap(int minMinutes, int maxMinutes) {
        return (long) (rng.between(minMinutes * 60, maxMinutes * 60) * SECOND / Math.max(sc.scale(), 0.05));
    }

    private void day(Host h, int day) {
        long start = ScenarioTime.dayStart(day);
        long end = ScenarioTime.dayStart(day + 1);
        String probeUser = Network.NETBIOS + "\\HealthMailbox" + (h.name().endsWith("1") ? "7c3f1a2" : "e91d0b4");
        for (long t = start + rng.between(0, 300) * SECOND; t < end; t += gap(4, 6)) {
            e.web(t, h, "GET", "/owa/", null, probeUser, "127.0.0.1", PROBE_UA, null, null, 200, rng.between(15, 90));
            e.web(t + 2 * SECOND, h, "POST", "/EWS/Exchange.asmx", null, probeUser, "127.0.0.1", PROBE_UA, null, null, 200,
                    rng.between(10, 60));
            e.web(t + 4 * SECOND, h, "POST", "/Microsoft-Server-ActiveSync/default.eas", "Cmd=FolderSync&User="
                    + probeUser.substring(probeUser.indexOf('\\') + 1) + "&DeviceId=AMProbe&DeviceType=AMProbe", probeUser,
                    "127.0.0.1", PROBE_UA, null, null, 200, rng.between(20, 120));
        }
        boolean workday = ScenarioTime.isWorkday(day);
        for (Network.MailUser u : sc.network().mailUsers()) {
            if (!u.server().equals(h)) {
                continue;
            }
            String user = Network.NETBIOS + "\\" + u.account().name();
            if (workday) {
                outlook(h, u, user, ScenarioTime.at(day, 1, 0) + rng.between(0, 80) * MINUTE,
                        ScenarioTime.at(day, 9, 30) + rng.between(0, 90) * MINUTE);
            }
            if (u.phone()) {
                activeSync(h, u, start, end);
            }
            if (rng.chance(0.12)) {
                owa(h, u, user, ScenarioTime.at(day, 11, 0) + rng.between(0, 5 * 60) * MINUTE);
            }
        }
        if (workday) {
            for (String admin : List.of("adm.rahman", "adm.lim")) {
                if (rng.chance(0.3)) {
                    ecp(h, Network.NETBIOS + "\\" + admin, admin.equals("adm.rahman") ? "10.10.5.101" : "10.10.5.102",
                            ScenarioTime.at(day, 3, 0) + rng.between(0, 6 * 60) * MINUTE);
                }
            }
        }
    }

    private String backEndCookie(Network.MailUser u) {
        return "X-BackEndCookie=" + u.account().sid() + "=u56Lnp2ejJqBy87Mz8qbz8zSzs3LnNLLycnH0sbMzMbSms+cm8+ex8fNm8mfgYHNz83O0s/M0s/Hq87Oxc/Kxc/K";
    }

    private void outlook(Host h, Network.MailUser u, String user, long from, long to) {
        String ip = u.desktopIp();
        e.web(from, h, "POST", "/autodiscover/autodiscover.xml", null, user, ip, OUTLOOK_UA, null, null, 200, rng.between(30, 200));
        String mailbox = "MailboxId=" + u.mailboxGuid() + "@" + Network.MAIL_DOMAIN;
        for (long t = from + 5 * SECOND; t < to; t += gap(8, 25)) {
            e.web(t, h, "POST", "/mapi/emsmdb/", mailbox, user, ip, OUTLOOK_UA, null, backEndCookie(u), 200,
                    rng.between(15, 400));
            if (rng.chance(0.08)) {
                e.web(t + 3 * SECOND, h, "POST", "/mapi/nspi/", mailbox, user, ip, OUTLOOK_UA, null, backEndCookie(u), 200,
                        rng.between(15, 100));
            }
            if (rng.chance(0.05)) {
                e.web(t + 7 * SECOND, h, "POST", "/EWS/Exchange.asmx", null, user, ip, OUTLOOK_UA, null, null, 200,
                        rng.between(20, 300));
            }
            if (rng.chance(0.04)) {
                e.web(t + 9 * SECOND, h, "POST", "/autodiscover/autodiscover.xml", null, user, ip, OUTLOOK_UA, null, null,
                        200, rng.between(30, 200));
            }
        }
        if (rng.chance(0.3)) {
            e.web(from + 40 * MINUTE, h, "GET", "/OAB/8d1e0c4a-2f3b-4c6d-9e7f-0a1b2c3d4e5f/oab.xml", null, user, ip,
                    "Microsoft BITS/7.8", null, null, 200, rng.between(10, 80));
        }
    }

    private void activeSync(Host h, Network.MailUser u, long start, long end) {
        boolean iphone = u.deviceId().startsWith("Appl");
        String query = "Cmd=Ping&User=" + u.account().name() + "&DeviceId=" + u.deviceId() + "&DeviceType="
                + (iphone ? "iPhone" : "Android");
        String ua = iphone ? IPHONE_UA : ANDROID_UA;
        String user = Network.NETBIOS + "\\" + u.account().name();
        for (long t = start + rng.between(0, 40) * MINUTE; t < end; t += gap(25, 60)) {
            int hourUtc = (int) ((t - ScenarioTime.START) / HOUR % 24);
            if (hourUtc >= 16 && hourUtc < 22 && rng.chance(0.7)) {
                continue;
            }
            e.web(t, h, "POST", "/Microsoft-Server-ActiveSync/default.eas", query, user, u.homeIp(), ua, null, null, 200,
                    rng.between(300_000, 900_000));
            if (rng.chance(0.25)) {
                e.web(t + 2 * SECOND, h, "POST", "/Microsoft-Server-ActiveSync/default.eas", query.replace("Cmd=Ping",
                        "Cmd=Sync"), user, u.homeIp(), ua, null, null, 200, rng.between(40, 900));
            }
        }
    }

    private void owa(Host h, Network.MailUser u, String user, long t) {
        String ip = u.homeIp();
        String ua = rng.chance(0.7) ? CHROME_UA : FIREFOX_UA;
        String base = "https://mail." + Network.MAIL_DOMAIN;
        String client = "ClientId=" + rng.hex(32).toUpperCase();
        e.web(t, h, "GET", "/owa/", null, null, ip, ua, null, client, 302, rng.between(2, 20));
        e.web(t + SECOND, h, "GET", "/owa/auth/logon.aspx", "url=" + base.replace(":", "%3a").replace("/", "%2f")
                + "%2fowa%2f&reason=0", null, ip, ua, null, client, 200, rng.between(5, 40));
        for (String r : List.of("/owa/auth/15.1.2176/themes/resources/segoeui-regular.ttf",
                "/owa/auth/15.1.2176/themes/resources/favicon.ico", "/owa/auth/15.1.2176/scripts/premium/flogon.js",
                "/owa/auth/15.1.2176/themes/resources/logon.css")) {
            e.web(t + 2 * SECOND, h, "GET", r, null, null, ip, ua, base + "/owa/auth/logon.aspx", client, 200,
                    rng.between(1, 15));
        }
        long in = t + rng.between(8, 40) * SECOND;
        e.web(in, h, "POST", "/owa/auth.owa", null, null, ip, ua, base + "/owa/auth/logon.aspx", client, 302,
                rng.between(30, 200));
        String cookies = client + "; X-OWA-CANARY=" + rng.hex(32) + "; " + backEndCookie(u);
        e.web(in + SECOND, h, "GET", "/owa/", null, user, ip, ua, base + "/owa/auth/logon.aspx", cookies, 200,
                rng.between(40, 300));
        long at = in + 3 * SECOND;
        for (int i = rng.between(6, 30); i > 0; i--) {
            String action = rng.pick(OWA_ACTIONS);
            e.web(at, h, "POST", "/owa/service.svc", "action=" + action + "&app=Mail&n=" + rng.between(1, 90), user, ip, ua,
                    base + "/owa/", cookies, 200, rng.between(10, 600));
            at += rng.between(2, 120) * SECOND;
        }
        e.web(at + rng.between(1, 20) * MINUTE, h, "GET", "/owa/logoff.owa", null, user, ip, ua, base + "/owa/", cookies,
                302, rng.between(5, 40));
    }

    private void ecp(Host h, String admin, String ip, long t) {
        String base = "https://mail." + Network.MAIL_DOMAIN;
        String cookies = "msExchEcpCanary=" + rng.hex(40) + "; ClientId=" + rng.hex(32).toUpperCase();
        e.web(t, h, "GET", "/ecp/", null, admin, ip, CHROME_UA, null, cookies, 200, rng.between(100, 900));
        for (int i = rng.between(3, 12); i > 0; i--) {
            t += rng.between(5, 90) * SECOND;
            e.web(t, h, "POST", "/ecp/DDI/DDIService.svc/GetList", "schema=MailboxService&msExchEcpCanary=" + rng.hex(40),
                    admin, ip, CHROME_UA, base + "/ecp/", cookies, 200, rng.between(50, 800));
        }
    }
}
