package io.callrecords.proxy.callrecords;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.callrecords.proxy.graph.GraphProperties.Secret;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Seals Graph's paging links into opaque cursors with AES-256-GCM: callers can neither
 * read nor alter them, and a cursor only opens for the scope (endpoint and record) it was
 * issued for. The scope is sealed with the payload, so that a cursor sent to another
 * endpoint or record is told apart from one that was altered or sealed with another key.
 */
@Component
class Cursors {

	static final int MAX_LENGTH = 8192;

	private static final Logger logger = LoggerFactory.getLogger(Cursors.class);

	/**
	 * Version 1 bound the scope as authenticated data and could not tell why it failed.
	 */
	private static final byte VERSION = 2;

	private static final byte[] AAD = "callrecords-proxy cursor".getBytes(StandardCharsets.UTF_8);

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final String INVALID = "The cursor is not one this service issued: it was altered or truncated, "
			+ "or issued before the service restarted or was upgraded. Pass the nextCursor of the previous page "
			+ "unchanged, or start again without a cursor.";

	private static final String OTHER_SCOPE = "The cursor was issued for another endpoint or call record. Send it to "
			+ "the endpoint and record whose page returned it, or start again without a cursor.";

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	@Autowired
	Cursors(ApiProperties properties) {
		this(properties.cursorKey());
	}

	Cursors(@Nullable Secret configuredKey) {
		this.key = (configuredKey != null && !configuredKey.value().isEmpty()) ? derive(configuredKey.value())
				: randomKey();
	}

	String seal(String scope, String payload) {
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(AAD);
			byte[] sealed = cipher.doFinal((scope + "\n" + payload).getBytes(StandardCharsets.UTF_8));
			ByteBuffer cursor = ByteBuffer.allocate(1 + iv.length + sealed.length).put(VERSION).put(iv).put(sealed);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	String open(String scope, String cursor) {
		if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
			throw new InvalidCursorException(INVALID);
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(cursor);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCursorException(INVALID);
		}
		if (bytes.length < 1 + IV_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
			throw new InvalidCursorException(INVALID);
		}
		String opened;
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, bytes, 1, IV_BYTES));
			cipher.updateAAD(AAD);
			opened = new String(cipher.doFinal(bytes, 1 + IV_BYTES, bytes.length - 1 - IV_BYTES),
					StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidCursorException(INVALID);
		}
		if (!opened.startsWith(scope + "\n")) {
			throw new InvalidCursorException(OTHER_SCOPE);
		}
		return opened.substring(scope.length() + 1);
	}

	private static SecretKey derive(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("callrecords-proxy cursor key\n" + secret).getBytes(StandardCharsets.UTF_8));
			return new SecretKeySpec(digest, "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SecretKey randomKey() {
		logger.warn("PROXY_CURSOR_KEY is not set: paging cursors are sealed with a random key of this process and "
				+ "stop working when it restarts or on other replicas. Set PROXY_CURSOR_KEY when running more than "
				+ "one replica.");
		try {
			KeyGenerator generator = KeyGenerator.getInstance("AES");
			generator.init(256);
			return generator.generateKey();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
