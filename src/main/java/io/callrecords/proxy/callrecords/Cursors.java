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
 * read nor alter them, and a cursor only opens for the scope (endpoint, record, query
 * shape) it was issued for, which is bound as authenticated data.
 */
@Component
class Cursors {

	static final int MAX_LENGTH = 8192;

	private static final Logger logger = LoggerFactory.getLogger(Cursors.class);

	private static final byte VERSION = 1;

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final String INVALID = "The cursor is not one this service issued for this endpoint, record and "
			+ "query. Pass the nextCursor of the previous page unchanged, or start again without a cursor.";

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
			cipher.updateAAD(scope.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(payload.getBytes(StandardCharsets.UTF_8));
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
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, bytes, 1, IV_BYTES));
			cipher.updateAAD(scope.getBytes(StandardCharsets.UTF_8));
			byte[] payload = cipher.doFinal(bytes, 1 + IV_BYTES, bytes.length - 1 - IV_BYTES);
			return new String(payload, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidCursorException(INVALID);
		}
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
