package io.callrecords.proxy.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals values kept in Redis with AES-256-GCM, bound to their key (the key is the
 * authenticated data, so a value moved to another key does not open), and names keys by
 * an HMAC of what they identify, so that a Redis reader learns neither the records nor
 * their ids. Both keys are derived from {@code PROXY_CLUSTER_CACHE_KEY}.
 */
final class Sealer {

	private static final byte FORMAT = 1;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec sealing;

	private final SecretKeySpec naming;

	private final SecureRandom random = new SecureRandom();

	Sealer(String secret) {
		byte[] master = secret.getBytes(StandardCharsets.UTF_8);
		this.sealing = new SecretKeySpec(hmac(master, "callrecords-proxy cluster cache sealing v1"), "AES");
		this.naming = new SecretKeySpec(hmac(master, "callrecords-proxy cluster cache naming v1"), "HmacSHA256");
	}

	/**
	 * The name under which something is kept.
	 * @param plain what identifies it
	 * @return 32 hex digits of its HMAC
	 */
	String name(String plain) {
		return HexFormat.of().formatHex(hmac(this.naming, plain.getBytes(StandardCharsets.UTF_8)), 0, 16);
	}

	byte[] seal(byte[] plain, String key) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.sealing, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(key.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plain);
			byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
			out[0] = FORMAT;
			System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
			System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
			return out;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * Opens a sealed value.
	 * @param sealed the value
	 * @param key the key it was kept under
	 * @return the plain value
	 * @throws GeneralSecurityException when it was altered, moved, or sealed with another
	 * secret
	 */
	byte[] open(byte[] sealed, String key) throws GeneralSecurityException {
		if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
			throw new GeneralSecurityException("Not a sealed value of format " + FORMAT);
		}
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, this.sealing,
				new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES)));
		cipher.updateAAD(key.getBytes(StandardCharsets.UTF_8));
		return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
	}

	private static byte[] hmac(byte[] key, String label) {
		return hmac(new SecretKeySpec(key, "HmacSHA256"), label.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] hmac(SecretKeySpec key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
