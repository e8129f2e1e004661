package org.dotlink.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.dotlink.sigma.builtin.BuiltinRules;
import org.dotlink.sigma.rule.RuleLoader;
import org.dotlink.stream.codec.Bytes;

/**
 * The text of a rule set, carried with the job: the rule files read where the job is started (so that
 * task managers need no copy of the rule folders), or a rule set received on the rules topic, plus
 * whether Dotlink's built-in rules are added. Compressed, since SigmaHQ's Windows rules are about 10 MB
 * of YAML. {@link #digest()} identifies the set, so that each JVM compiles it once
 * ({@link LoadedRules#of}).
 */
public final class RuleBundle implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The name rule sets from the rules topic are given in rules and problems. */
    public static final String TOPIC_SOURCE = "rules-topic";

    private final boolean builtin;
    /** GZIP of the (name, text) pairs, as {@link Bytes} strings. */
    private final byte[] packed;
    private final int files;
    private final String digest;

    private RuleBundle(boolean builtin, List<String> namesAndTexts) {
        Bytes.Writer w = new Bytes.Writer();
        w.writeStrings(namesAndTexts);
        byte[] raw = w.toByteArray();
        this.builtin = builtin;
        this.packed = gzip(raw);
        this.files = namesAndTexts.size() / 2;
        this.digest = sha256(builtin, raw);
    }

    /**
     * Reads the rule files under {@code paths} (as {@link RuleLoader#loadAll} lists them).
     *
     * @throws IllegalArgumentException naming a path that does not exist or a file that cannot be read
     */
    public static RuleBundle read(List<Path> paths, boolean builtin) {
        List<String> namesAndTexts = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(p + ": no such rule file or folder");
            }
            try {
                for (Path f : RuleLoader.files(p)) {
                    namesAndTexts.add(f.toString());
                    namesAndTexts.add(Files.readString(f, StandardCharsets.UTF_8));
                }
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalArgumentException(p + ": could not read rules: " + e.getMessage());
            }
        }
        return new RuleBundle(builtin, namesAndTexts);
    }

    /** A rule set given as YAML text (documents separated by {@code ---}), named {@code name}. */
    public static RuleBundle of(String name, String yaml, boolean builtin) {
        return new RuleBundle(builtin, List.of(name, yaml));
    }

    /** The same built-in choice, with {@code yaml} (from the rules topic) in place of this bundle's rules. */
    public RuleBundle replacedBy(String yaml) {
        return of(TOPIC_SOURCE, yaml, builtin);
    }

    /** Parses the rules: the built-in pack first when included, then each file in order. */
    public List<RuleLoader.Result> load() {
        List<RuleLoader.Result> out = new ArrayList<>();
        if (builtin) {
            out.add(BuiltinRules.load());
        }
        List<String> namesAndTexts = new Bytes.Reader(gunzip(packed)).readStrings();
        for (int i = 0; i + 1 < namesAndTexts.size(); i += 2) {
            out.add(RuleLoader.load(namesAndTexts.get(i), new StringReader(namesAndTexts.get(i + 1))));
        }
        return out;
    }

    public boolean builtin() {
        return builtin;
    }

    /** How many rule files (or texts) the bundle holds, the built-in pack not counted. */
    public int files() {
        return files;
    }

    /** SHA-256 over the built-in choice and every name and text. */
    public String digest() {
        return digest;
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] packed) {
        try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            return z.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(boolean builtin, byte[] raw) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((byte) (builtin ? 1 : 0));
            return HexFormat.of().formatHex(md.digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
