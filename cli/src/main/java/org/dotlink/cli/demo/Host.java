package org.dotlink.cli.demo;

/**
 * One Windows machine of the scenario's network.
 *
 * @param name       the NetBIOS name ({@code EXCH01})
 * @param ip         its address
 * @param role       what it is for
 * @param shipper    how its event logs are collected
 * @param guidPrefix the first group of the Sysmon GUIDs it writes (derived from the machine)
 */
record Host(String name, String ip, Role role, Shipper shipper, String guidPrefix) {

    /** What a host is for. */
    enum Role { EXCHANGE, DOMAIN_CONTROLLER, BILLING, WORKSTATION, JUMP_HOST }

    /** How a host's Windows events reach the SOC: both shapes Dotlink reads. */
    enum Shipper {
        /** NXLog on the host, through Logstash: flat JSON lines, local {@code EventTime} (Mordor style). */
        NXLOG,
        /** Winlogbeat 7: ECS JSON lines with {@code winlog.event_data}. */
        WINLOGBEAT
    }

    String fqdn() {
        return name + "." + Network.DNS_DOMAIN;
    }

    boolean isServer() {
        return role != Role.WORKSTATION;
    }
}
