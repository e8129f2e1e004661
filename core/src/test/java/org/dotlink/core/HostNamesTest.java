package org.dotlink.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostNamesTest {

    @Test
    void namesFromDifferentSourcesMeet() {
        assertEquals("workstation5", HostNames.normalize("WORKSTATION5"));
        assertEquals("workstation5", HostNames.normalize("WORKSTATION5.theshire.local"));
        assertEquals("dc01", HostNames.normalize(" DC01.corp.example.com. "));
        assertEquals("mordorwrk01", Event.builder("x").add(FieldNames.COMPUTER, "MORDORWRK01.mordor.local").build().hostKey());
    }

    @Test
    void addressesAndBlanksStayWhole() {
        assertEquals("10.0.2.15", HostNames.normalize("10.0.2.15"));
        assertEquals("fe80::1c2b:3d4e", HostNames.normalize("FE80::1C2B:3D4E"));
        assertEquals("", HostNames.normalize("  "));
        assertEquals("", HostNames.normalize("."));
        assertEquals("300", HostNames.normalize("300.1.2.3"), "not an address: a name whose first label is 300");
    }
}
