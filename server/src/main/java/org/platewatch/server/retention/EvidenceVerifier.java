package org.platewatch.server.retention;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.platewatch.server.platform.SecretTokens;

/**
 * Checks an evidence package without Platewatch's database or server ({@code bin/platewatch evidence verify}):
 * every entry against the manifest's SHA-256, the package hash against the manifest, the signature against the
 * department's key. It only reads: entries are hashed as they stream from the ZIP, never extracted, so a hostile
 * entry name ({@code ../../etc/passwd}) is only a name in a problem line.
 */
public final class EvidenceVerifier {

    /** The largest manifest read: a 50,000-read package's is a few MiB. */
    static final int MAX_MANIFEST_BYTES = 64 << 20;

    /** The outcome: intact when there are no problems; {@code summary} is the "OK" line. */
    public record Result(List<String> problems, String summary) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    /** The package could not be checked at all (no such file, not a ZIP, an unreadable key): exit 2. */
    public static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message);
        }
    }

    private EvidenceVerifier() {}

    /** Checks {@code zip}; with {@code publicKey} (a file holding the department's key), against that key. */
    public static Result verify(Path zip, Path publicKey) {
        String pinned = publicKey == null ? null : readKeyFile(publicKey);
        Map<String, EvidenceManifest.File> entries = new HashMap<>();
        List<String> problems = new ArrayList<>();
        byte[] manifestBytes = null;
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            Enumeration<? extends ZipEntry> all = file.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                if (entries.containsKey(e.getName())) {
                    problems.add(safe(e.getName()) + ": duplicate entry (the package holds it more than once)");
                    continue;
                }
                try (InputStream in = file.getInputStream(e)) {
                    if (e.getName().equals(EvidenceManifest.NAME)) {
                        manifestBytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
                        entries.put(e.getName(), null);
                    } else {
                        entries.put(e.getName(), hashed(e.getName(), in));
                    }
                } catch (IOException | IllegalArgumentException broken) {
                    problems.add(safe(e.getName()) + ": unreadable (" + broken.getMessage() + ")");
                }
            }
        } catch (NoSuchFileException e) {
            throw new Unusable("no such file: " + zip);
        } catch (ZipException e) {
            throw new Unusable(zip + " is not a ZIP file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new Unusable("cannot read " + zip + ": " + e.getMessage());
        }
        if (manifestBytes == null) {
            problems.add(EvidenceManifest.NAME + ": missing (not an evidence package, or its manifest was removed)");
            return new Result(problems, null);
        }
        if (manifestBytes.length > MAX_MANIFEST_BYTES) {
            problems.add(EvidenceManifest.NAME + ": larger than " + (MAX_MANIFEST_BYTES >> 20) + " MiB, not read");
            return new Result(problems, null);
        }
        EvidenceManifest manifest;
        try {
            manifest = EvidenceManifest.JSON.readValue(manifestBytes, EvidenceManifest.class);
        } catch (RuntimeException e) {
            problems.add(EvidenceManifest.NAME + ": changed (it is no longer a readable manifest)");
            return new Result(problems, null);
        }
        checkFiles(manifest, entries, problems);
        checkSeal(manifest, manifestBytes, pinned, publicKey, problems);
        if (!problems.isEmpty()) {
            return new Result(problems, null);
        }
        String keyId = manifest.signature().keyId();
        return new Result(
                List.of(),
                "OK evidence package of hold " + manifest.holdId() + ", case " + safe(manifest.caseNumber()) + ": "
                        + manifest.files().size() + " files and the manifest match, package SHA-256 "
                        + manifest.packageSha256() + ", signed by key " + safe(keyId)
                        + (pinned == null
                                ? " (the key in the package: compare its id with the one the department publishes)"
                                : " (the key in " + publicKey + ")"));
    }

    private static void checkFiles(
            EvidenceManifest m, Map<String, EvidenceManifest.File> entries, List<String> problems) {
        Set<String> listed = new HashSet<>();
        for (EvidenceManifest.File f : m.files() == null ? List.<EvidenceManifest.File>of() : m.files()) {
            if (!listed.add(f.path())) {
                problems.add(safe(f.path()) + ": listed twice in the manifest");
                continue;
            }
            if (!entries.containsKey(f.path()) || f.path().equals(EvidenceManifest.NAME)) {
                problems.add(safe(f.path()) + ": missing");
                continue;
            }
            EvidenceManifest.File actual = entries.get(f.path());
            if (actual != null
                    && (!actual.sha256().equalsIgnoreCase(String.valueOf(f.sha256())) || actual.bytes() != f.bytes())) {
                problems.add(safe(f.path()) + ": changed (SHA-256 " + actual.sha256() + ", " + actual.bytes()
                        + " bytes; the manifest says " + safe(f.sha256()) + ", " + f.bytes() + " bytes)");
            }
        }
        entries.keySet().stream()
                .filter(name -> !name.equals(EvidenceManifest.NAME) && !listed.contains(name))
                .sorted()
                .forEach(name -> problems.add(safe(name) + ": extra (not in the manifest)"));
    }

    private static void checkSeal(
            EvidenceManifest m, byte[] bytes, String pinned, Path keyFile, List<String> problems) {
        String listing;
        try {
            listing = m.listing();
        } catch (RuntimeException e) {
            problems.add(EvidenceManifest.NAME + ": changed (a field is missing)");
            return;
        }
        if (!EvidenceManifest.FORMAT.equals(m.format())) {
            problems.add(EvidenceManifest.NAME + ": not a " + EvidenceManifest.FORMAT + " manifest");
        }
        if (!EvidencePackage.sha256(listing.getBytes(StandardCharsets.UTF_8)).equals(m.packageSha256())) {
            problems.add(EvidenceManifest.NAME + ": changed (its package SHA-256 does not match what it lists)");
        } else if (!Arrays.equals(bytes, m.toJson())) {
            problems.add(EvidenceManifest.NAME + ": changed (not byte for byte as it was written)");
        }
        if (m.signature() == null
                || m.signature().publicKey() == null
                || m.signature().value() == null) {
            problems.add(EvidenceManifest.NAME + ": bad signature (none)");
            return;
        }
        String key = pinned == null ? m.signature().publicKey() : pinned;
        if (pinned != null && !pinned.equals(m.signature().publicKey())) {
            problems.add(EvidenceManifest.NAME + ": bad signature (signed with key "
                    + safe(m.signature().keyId()) + ", not with the key in " + keyFile + ", " + keyId(pinned) + ")");
            return;
        }
        if (!keyId(key).equals(m.signature().keyId())) {
            problems.add(EvidenceManifest.NAME + ": bad signature (its key id does not match its public key)");
            return;
        }
        if (!signatureHolds(key, m.signedText(), m.signature().value())) {
            problems.add(EvidenceManifest.NAME + ": bad signature (it does not match the package SHA-256)");
        }
    }

    private static EvidenceManifest.File hashed(String name, InputStream in) throws IOException {
        MessageDigest sha = EvidencePackage.digest();
        byte[] buffer = new byte[64 * 1024];
        long n = 0;
        for (int r; (r = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, r);
            n += r;
        }
        return new EvidenceManifest.File(name, n, HexFormat.of().formatHex(sha.digest()));
    }

    /** As the audit anchors name their key: the first 16 hex digits of the SHA-256 of its Base64 text. */
    static String keyId(String publicKeyBase64) {
        return HexFormat.of().formatHex(SecretTokens.sha256(publicKeyBase64)).substring(0, 16);
    }

    private static boolean signatureHolds(String publicKeyBase64, String text, String signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(parseKey(publicKeyBase64));
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static PublicKey parseKey(String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /**
     * The key in {@code file}: its Base64 X.509 text (as {@code GET /api/v1/audit/anchors/latest} gives it, in
     * {@code publicKey}), a PEM {@code PUBLIC KEY} block, or the anchor key file's {@code public=} line.
     */
    static String readKeyFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Unusable("no such key file: " + file);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new Unusable("cannot read the key file " + file + ": " + e.getMessage());
        }
        StringBuilder key = new StringBuilder();
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("public=")) {
                key.setLength(0);
                key.append(l.substring("public=".length()).strip());
                break;
            }
            if (!l.startsWith("-----") && !l.startsWith("#") && !l.startsWith("private=")) {
                key.append(l);
            }
        }
        try {
            parseKey(key.toString());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Unusable(file + " does not hold an Ed25519 public key (Base64 X.509, or PEM)");
        }
        return key.toString();
    }

    /** A name from the package as a terminal may print it: no control characters, no escape sequences. */
    static String safe(String s) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().limit(300).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > 300 ? out + "…" : out.toString();
    }
}
