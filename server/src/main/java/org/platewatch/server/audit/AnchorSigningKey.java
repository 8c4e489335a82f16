package org.platewatch.server.audit;

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
 * The Ed25519 key that signs chain heads, kept in a file outside the database: whoever can write
 * the database (even as its superuser) but cannot read this file cannot forge an anchor. The
 * public half may be published (the transparency page), so that anyone can check a signed head.
 */
final class AnchorSigningKey {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private AnchorSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Reads the key file, creating it (owner-only, before the key is written) on first use. */
    static AnchorSigningKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Base64.Encoder b64 = Base64.getEncoder();
                OwnerOnlyFiles.createIfAbsent(
                        file,
                        "# Platewatch audit anchor signing key (Ed25519). Owner-only: "
                                + "whoever reads it can sign anchors.\nprivate="
                                + b64.encodeToString(pair.getPrivate().getEncoded())
                                + "\npublic="
                                + b64.encodeToString(pair.getPublic().getEncoded()) + "\n");
            }
            Properties p = new Properties();
            p.load(new StringReader(OwnerOnlyFiles.read(file)));
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            Base64.Decoder b64 = Base64.getDecoder();
            return new AnchorSigningKey(
                    keys.generatePrivate(new PKCS8EncodedKeySpec(
                            b64.decode(p.getProperty("private", "").trim()))),
                    keys.generatePublic(new X509EncodedKeySpec(
                            b64.decode(p.getProperty("public", "").trim()))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit anchor key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the audit anchor key " + file + " is not an Ed25519 key in Platewatch's "
                            + "format (private=, public=): " + e.getMessage(),
                    e);
        }
    }

    String sign(String payload) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the audit anchor: " + e.getMessage(), e);
        }
    }

    boolean verify(String payload, String signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** The public key, X.509 encoded, Base64: what a third party verifies signed heads with. */
    String publicKey() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** A short name for the key: the first 16 hex digits of the SHA-256 of its public half. */
    String keyId() {
        return HexFormat.of().formatHex(SecretTokens.sha256(publicKey())).substring(0, 16);
    }
}
