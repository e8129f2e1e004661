package org.dotlink.cli.demo;

/**
 * An executable or DLL as Sysmon describes it: version information from its resources, its hashes,
 * and its signature. The hashes are derived from {@code id}, so the same file has the same hashes on
 * every host, and two files differ.
 *
 * @param path             where it is normally installed
 * @param fileVersion      {@code ?} when the file has no version resource, as Sysmon writes it
 * @param originalFileName from the version resource
 * @param signer           the signature's subject, or null for an unsigned file
 */
record Binary(String id, String path, String fileVersion, String description, String product, String company,
              String originalFileName, String signer) {

    /** A file without version information (most attacker tools). */
    static Binary unversioned(String id, String path, String signer) {
        return new Binary(id, path, "?", "?", "?", "?", "?", signer);
    }

    String sha256() {
        return Network.sha256Hex("sha256:" + id).toUpperCase();
    }

    /** Sysmon's {@code Hashes} value with every algorithm configured: SHA1, MD5, SHA256, IMPHASH. */
    String hashes() {
        String sha1 = Network.sha256Hex("sha1:" + id).substring(0, 40).toUpperCase();
        String md5 = Network.sha256Hex("md5:" + id).substring(0, 32).toUpperCase();
        String imphash = Network.sha256Hex("imphash:" + id).substring(0, 32).toUpperCase();
        return "SHA1=" + sha1 + ",MD5=" + md5 + ",SHA256=" + sha256() + ",IMPHASH=" + imphash;
    }

    boolean signed() {
        return signer != null;
    }
}
