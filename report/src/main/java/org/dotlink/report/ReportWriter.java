package org.dotlink.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * Writes {@code report.html}: one self-contained file that works offline. The page's markup holds no
 * data; the data is one {@code <script type="application/json">} element ({@link ScriptJson}: {@code <},
 * {@code >}, {@code &}, U+2028 and U+2029 escaped) that the inline script parses and renders with
 * {@code textContent}, text nodes and attributes that cannot run code, never with markup parsing. A
 * Content-Security-Policy allows only the page's own inline script and style, by their SHA-256 hashes,
 * and no other source of any kind.
 */
public final class ReportWriter {

    /** The file name written. */
    public static final String FILE = "report.html";

    private ReportWriter() {}

    /** Writes {@code report.html} into {@code outDir} (through a temporary file, then moved in place). */
    public static Path write(Path outDir, ReportData data) throws IOException {
        Files.createDirectories(outDir);
        Path file = outDir.resolve(FILE);
        Path tmp = outDir.resolve(FILE + ".partial");
        String style = resource("report.css");
        String script = resource("report.js");
        String csp = "default-src 'none'; script-src '" + sha256(script) + "'; style-src '" + sha256(style)
                + "'; img-src data:; base-uri 'none'; form-action 'none'";
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            w.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n");
            w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            w.write("<meta name=\"referrer\" content=\"no-referrer\">\n");
            w.write("<title>Dotlink hunt report</title>\n<style>");
            w.write(style);
            w.write("</style>\n</head>\n<body>\n<noscript>This report needs JavaScript to show its data.</noscript>\n");
            w.write("<script type=\"application/json\" id=\"report-data\">");
            ScriptJson.write(w, ReportModel.of(data, Instant.now()));
            w.write("</script>\n<script>");
            w.write(script);
            w.write("</script>\n</body>\n</html>\n");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private static String resource(String name) {
        try (InputStream in = ReportWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSP source expression for inline content: {@code sha256-} and the Base64 of its UTF-8 digest. */
    static String sha256(String content) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
