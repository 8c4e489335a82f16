package org.platewatch.server.platform;

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

/**
 * An Ed25519 signing key kept in an owner-only file outside the database ({@code private=} and {@code public=},
 * Base64), created on first use: whoever can write the database but cannot read the file cannot forge what it
 * signs. Each use has its own file (the audit anchors, the hot-list export for edge agents), so that one leaked key
 * forges nothing of the other's and the two can be rotated apart.
 */
public final class Ed25519KeyFile {

    private final String purpose;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private Ed25519KeyFile(String purpose, PrivateKey privateKey, PublicKey publicKey) {
        this.purpose = purpose;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * Reads the key file, creating it (owner-only, before the key is written) on first use.
     *
     * @param purpose what the key signs, in words ("audit anchor", "hot-list export"), for its file and errors
     */
    public static Ed25519KeyFile loadOrCreate(Path file, String purpose) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Base64.Encoder b64 = Base64.getEncoder();
                OwnerOnlyFiles.createIfAbsent(
                        file,
                        "# Platewatch " + purpose + " signing key (Ed25519). Owner-only: whoever reads it can sign"
                                + " as the department.\nprivate="
                                + b64.encodeToString(pair.getPrivate().getEncoded())
                                + "\npublic="
                                + b64.encodeToString(pair.getPublic().getEncoded()) + "\n");
            }
            Properties p = new Properties();
            p.load(new StringReader(OwnerOnlyFiles.read(file)));
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            Base64.Decoder b64 = Base64.getDecoder();
            return new Ed25519KeyFile(
                    purpose,
                    keys.generatePrivate(new PKCS8EncodedKeySpec(
                            b64.decode(p.getProperty("private", "").trim()))),
                    keys.generatePublic(new X509EncodedKeySpec(
                            b64.decode(p.getProperty("public", "").trim()))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the " + purpose + " key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the " + purpose + " key " + file + " is not an Ed25519 key in Platewatch's "
                            + "format (private=, public=): " + e.getMessage(),
                    e);
        }
    }

    /** The signature of the text's UTF-8 bytes, Base64. */
    public String sign(String payload) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the " + purpose + " key: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} (Base64) is this key's over the text; false for anything malformed. */
    public boolean verify(String payload, String signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** The public key, X.509 encoded, Base64: what a third party verifies with. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** A short name for the key: the first 16 hex digits of the SHA-256 of its public half. */
    public String keyId() {
        return HexFormat.of().formatHex(SecretTokens.sha256(publicKey())).substring(0, 16);
    }
}
