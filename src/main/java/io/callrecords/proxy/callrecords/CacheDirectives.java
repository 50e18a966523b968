package io.callrecords.proxy.callrecords;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a caller's {@code Cache-Control} (and HTTP/1.0 {@code Pragma}) asks of the record
 * cache, as RFC 9111 has it: {@code no-store} bypasses it, {@code no-cache} (or
 * {@code max-age=0}) revalidates with Graph and refreshes the cached copy, and
 * {@code max-age=N} accepts a cached copy at most N seconds old.
 *
 * @param noStore neither read nor keep a copy
 * @param maxAge the oldest cached copy the caller accepts, {@code null} for any fresh one
 */
record CacheDirectives(boolean noStore, @Nullable Duration maxAge) {

	static final CacheDirectives NONE = new CacheDirectives(false, null);

	static CacheDirectives parse(@Nullable String cacheControl, @Nullable String pragma) {
		boolean noStore = false;
		Duration maxAge = null;
		boolean cacheControlSent = cacheControl != null && !cacheControl.isBlank();
		if (cacheControlSent) {
			for (String directive : cacheControl.split(",")) {
				String[] parts = directive.trim().split("=", 2);
				String name = parts[0].trim().toLowerCase(Locale.ROOT);
				if (name.equals("no-store")) {
					noStore = true;
				}
				else if (name.equals("no-cache")) {
					maxAge = Duration.ZERO;
				}
				else if (name.equals("max-age") && parts.length == 2) {
					Duration age = seconds(parts[1].trim());
					if (age != null) {
						maxAge = (maxAge == null || age.compareTo(maxAge) < 0) ? age : maxAge;
					}
				}
			}
		}
		// RFC 9111 5.4: Pragma: no-cache counts only without Cache-Control
		else if (pragma != null && pragma.toLowerCase(Locale.ROOT).contains("no-cache")) {
			maxAge = Duration.ZERO;
		}
		return new CacheDirectives(noStore, maxAge);
	}

	/** Whether a cached copy of this age may be served. */
	boolean accepts(Duration age) {
		return !this.noStore && (this.maxAge == null || age.compareTo(this.maxAge) <= 0 && !this.maxAge.isZero());
	}

	private static @Nullable Duration seconds(String value) {
		String digits = value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
				? value.substring(1, value.length() - 1) : value;
		if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
			return null;
		}
		// RFC 9111 1.2.2: a delta too large for the cache is as good as its largest
		return (digits.length() > 9) ? Duration.ofSeconds(Integer.MAX_VALUE)
				: Duration.ofSeconds(Long.parseLong(digits));
	}

}
