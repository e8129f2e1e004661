package org.dotlink.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Who may use the server. Only GET and HEAD are served: nothing can be changed through it. Without a
 * token (bound to a loopback address), a request must name a loopback host in its {@code Host} header,
 * so that a web page whose name was re-pointed at 127.0.0.1 (DNS rebinding) cannot read the API. With a
 * token, every request must carry it: as {@code Authorization: Bearer TOKEN}, or in the cookie that a
 * visit with {@code ?token=TOKEN} sets (then redirected to the same page without it, so the token does
 * not stay in the address bar or the history).
 */
final class AccessGuard {

    static final String COOKIE = "dotlink_token";

    private final String token;

    /** @param token the token every request must carry, or null for none (loopback only) */
    AccessGuard(String token) {
        this.token = token;
    }

    /** A new random token: 32 bytes from {@link SecureRandom}, base64url without padding. */
    static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code bind} names a loopback address (127.0.0.0/8, ::1, localhost). */
    static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    boolean requiresToken() {
        return token != null;
    }

    /**
     * Checks a request; throws {@link Refused} (405, 401 or 403) when it may not be served. A valid
     * {@code ?token=} login is answered with the cookie and a redirect.
     */
    void check(Context ctx) {
        HandlerType method = ctx.method();
        if (!method.equals(HandlerType.GET) && !method.equals(HandlerType.HEAD)) {
            ctx.header("Allow", "GET, HEAD");
            throw new Refused(405, "read-only: only GET and HEAD are served");
        }
        if (token == null) {
            if (!loopbackHost(ctx.header("Host"))) {
                throw new Refused(403, "this server answers requests to localhost or 127.0.0.1 only");
            }
            return;
        }
        String login = ctx.queryParam("token");
        if (login != null) {
            if (!matches(login)) {
                throw new Refused(401, "wrong token");
            }
            Cookie cookie = new Cookie(COOKIE, token, "/", -1, false, true, null, SameSite.STRICT);
            ctx.cookie(cookie);
            ctx.header("Location", ctx.path().startsWith("/") && !ctx.path().startsWith("//") ? ctx.path() : "/");
            throw new Refused(303, "signed in");
        }
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && matches(auth.substring(7).strip())) {
            return;
        }
        String cookie = ctx.cookie(COOKIE);
        if (cookie != null && matches(cookie)) {
            return;
        }
        throw new Refused(401, "a token is needed: open the address the server printed at start (it ends in"
                + " ?token=...), or send the header Authorization: Bearer TOKEN");
    }

    private boolean matches(String given) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a Host header names a loopback host: localhost, 127.x.x.x or [::1], with any port. */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1") && (end == h.length() - 1 || h.charAt(end + 1) == ':');
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        if (name.equals("localhost")) {
            return true;
        }
        return name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
