package org.dotlink.sigma.match;

/**
 * An IPv4 or IPv6 network for the {@code cidr} modifier. Addresses are parsed here, never through
 * {@code InetAddress} (which may resolve names). Host bits set in the rule's network are ignored
 * ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}). An IPv4-mapped IPv6 event value ({@code ::ffff:a.b.c.d})
 * is compared as its IPv4 address.
 */
final class IpNetwork {

    private final byte[] network;
    private final int prefix;

    private IpNetwork(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    static IpNetwork parse(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        byte[] addr = parseAddress(slash < 0 ? s : s.substring(0, slash));
        if (addr == null) {
            throw new IllegalArgumentException("not an IP network: '" + cidr + "'");
        }
        int bits = addr.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                throw new IllegalArgumentException("prefix length " + prefix + " exceeds " + bits + " in '" + cidr + "'");
            }
        }
        return new IpNetwork(addr, prefix);
    }

    boolean contains(String value) {
        return contains(parseAddress(value.trim()));
    }

    /** Whether an address parsed by {@link #parseAddress} (null: not an address) lies in this network. */
    boolean contains(byte[] a) {
        if (a == null) {
            return false;
        }
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
            a = new byte[] {a[12], a[13], a[14], a[15]};
        }
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }

    /** 4 or 16 bytes, or null when {@code s} is not an IP address literal. */
    static byte[] parseAddress(String s) {
        if (s.indexOf(':') >= 0) {
            return parseV6(s);
        }
        return parseV4(s);
    }

    private static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return null;
                }
                value = value * 10 + (c - '0');
            } else if (c == '.') {
                if (digits == 0 || value > 255 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String s) {
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        byte[] out = new byte[16];
        if (gap < 0) {
            return fill(s, out, 0, 16) == 16 ? out : null;
        }
        byte[] head = new byte[16];
        int h = gap == 0 ? 0 : fill(s.substring(0, gap), head, 0, 16);
        String tailText = s.substring(gap + 2);
        byte[] tail = new byte[16];
        int t = tailText.isEmpty() ? 0 : fill(tailText, tail, 0, 16);
        if (h < 0 || t < 0 || h + t > 14) {
            return null;
        }
        System.arraycopy(head, 0, out, 0, h);
        System.arraycopy(tail, 0, out, 16 - t, t);
        return out;
    }

    /** Parses colon-separated groups (the last may be dotted IPv4) into out; bytes written or -1. */
    private static int fill(String s, byte[] out, int at, int limit) {
        String[] groups = s.split(":", -1);
        int pos = at;
        for (int g = 0; g < groups.length; g++) {
            String grp = groups[g];
            if (g == groups.length - 1 && grp.indexOf('.') >= 0) {
                byte[] v4 = parseV4(grp);
                if (v4 == null || pos + 4 > limit) {
                    return -1;
                }
                System.arraycopy(v4, 0, out, pos, 4);
                pos += 4;
                continue;
            }
            if (grp.isEmpty() || grp.length() > 4 || pos + 2 > limit) {
                return -1;
            }
            int v = 0;
            for (int i = 0; i < grp.length(); i++) {
                int d = Character.digit(grp.charAt(i), 16);
                if (d < 0) {
                    return -1;
                }
                v = v * 16 + d;
            }
            out[pos++] = (byte) (v >> 8);
            out[pos++] = (byte) v;
        }
        return pos - at;
    }
}
