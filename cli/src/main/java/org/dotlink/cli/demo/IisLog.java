package org.dotlink.cli.demo;

/**
 * The W3C extended log format IIS writes for the Exchange front end: a header block when a file is
 * started or the web server restarts, then one line per request. The field list is IIS's default plus
 * the site and server names and {@code cs(Cookie)}, which the SOC enabled (the cookie shows ProxyLogon's
 * routing cookies; the server name lets the web log meet the server's event logs).
 */
final class IisLog {

    static final String FIELDS = "date time s-sitename s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
            + "cs(User-Agent) cs(Referer) cs(Cookie) sc-status sc-substatus sc-win32-status time-taken";

    private IisLog() {}

    /** The four directive lines of a header block written at {@code time}. */
    static String header(long time) {
        return "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: "
                + ScenarioTime.w3cDate(time) + " " + ScenarioTime.w3cTime(time) + "\r\n#Fields: " + FIELDS + "\r\n";
    }

    /** One request line, with its CRLF. */
    static void line(StringBuilder sb, WebRequest r) {
        sb.append(ScenarioTime.w3cDate(r.time())).append(' ').append(ScenarioTime.w3cTime(r.time())).append(' ')
                .append("W3SVC1 ").append(r.server().name()).append(' ')
                .append(r.server().ip()).append(' ')
                .append(r.method()).append(' ')
                .append(value(r.uriStem())).append(' ')
                .append(value(r.query())).append(' ')
                .append(r.port()).append(' ')
                .append(value(r.username())).append(' ')
                .append(r.clientIp()).append(' ')
                .append(value(r.userAgent())).append(' ')
                .append(value(r.referer())).append(' ')
                .append(value(r.cookie())).append(' ')
                .append(r.status()).append(' ')
                .append(r.substatus()).append(' ')
                .append(r.win32Status()).append(' ')
                .append(r.timeTaken()).append("\r\n");
    }

    /** As IIS logs a value: {@code -} for none, {@code +} for each space. */
    private static String value(String v) {
        return v == null || v.isEmpty() ? "-" : v.replace(' ', '+');
    }
}
