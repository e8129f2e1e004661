package org.dotlink.cli.demo;

/**
 * A domain or built-in account.
 *
 * @param domain the NetBIOS domain ({@code SUNDATEL}, {@code NT AUTHORITY})
 * @param name   the account name ({@code n.hidayat}, {@code EXCH01$}, {@code SYSTEM})
 * @param sid    its SID
 */
record Account(String domain, String name, String sid) {

    static final Account SYSTEM = new Account("NT AUTHORITY", "SYSTEM", "S-1-5-18");
    static final Account LOCAL_SERVICE = new Account("NT AUTHORITY", "LOCAL SERVICE", "S-1-5-19");
    static final Account NETWORK_SERVICE = new Account("NT AUTHORITY", "NETWORK SERVICE", "S-1-5-20");

    /** {@code DOMAIN\name}, as Sysmon writes {@code User}. */
    String qualified() {
        return domain + "\\" + name;
    }
}
