package org.platewatch.server.hotlist;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import org.platewatch.server.platform.OwnerOnlyFiles;
import org.platewatch.server.platform.SecretTokens;

/**
 * The Ed25519 key that signs the hot-list export edge agents match against, in
 * {@code DATA_DIR/hotlist-export.key} (owner-only, created on first use). A sibling of the audit anchor
 * key, in the same file format, and deliberately not the same key: a leaked export key must not let anyone
 * forge audit anchors, and the two can be rotated apart.
 */
final class HotlistExportKey {

    static final String FILE_NAME = "hotlist-export.key";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private HotlistExportKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    static HotlistExportKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Base64.Encoder b64 = Base64.getEncoder();
                OwnerOnlyFiles.createIfAbsent(
                        file,
                        "# Platewatch hot-list export signing key (Ed25519). Owner-only: "
                                + "whoever reads it can sign hot lists for edge agents.\nprivate="
                                + b64.encodeToString(pair.getPrivate().getEncoded())
                                + "\npublic="
                                + b64.encodeToString(pair.getPublic().getEncoded()) + "\n");
            }
            Properties p = new Properties();
            p.load(new StringReader(OwnerOnlyFiles.read(file)));
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            Base64.Decoder b64 = Base64.getDecoder();
            return new HotlistExportKey(
                    keys.generatePrivate(new PKCS8EncodedKeySpec(
                            b64.decode(p.getProperty("private", "").trim()))),
                    keys.generatePublic(new X509EncodedKeySpec(
                            b64.decode(p.getProperty("public", "").trim()))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the hot-list export key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the hot-list export key " + file + " is not an Ed25519 key in Platewatch's format", e);
        }
    }

    String sign(String payload) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the hot-list export: " + e.getMessage(), e);
        }
    }

    /** The public key, X.509 encoded, Base64: what an agent verifies the export with. */
    String publicKey() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** The first 16 hex digits of the SHA-256 of the public key. */
    String keyId() {
        return HexFormat.of().formatHex(SecretTokens.sha256(publicKey())).substring(0, 16);
    }
}
