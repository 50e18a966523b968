package io.callrecords.proxy.quality;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * What a stream carries, as far as the classifier is concerned ({@code mediaType} of
 * {@code StreamQuality} in {@code api-spec.yaml}).
 */
public enum MediaType {

	/** Audio ({@code main-audio}). */
	AUDIO("audio"),

	/** Camera video ({@code main-video}, {@code panoramic-video}). */
	VIDEO("video"),

	/** Video-based screen sharing ({@code applicationsharing-video}). */
	SCREEN_SHARING("screenSharing"),

	/**
	 * Anything else (data, RDP application sharing): CQD's metrics for it are not in
	 * Graph.
	 */
	OTHER("other");

	private final String value;

	MediaType(String value) {
		this.value = value;
	}

	/**
	 * The media type as the API writes it.
	 * @return its name
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * The media type of a stream: from its media's label (Teams labels media
	 * {@code main-audio}, {@code main-video}, {@code panoramic-video},
	 * {@code applicationsharing-video}, ...), else from the codec the stream names.
	 * @param label the media's label
	 * @param audioCodec the stream's audio codec
	 * @param videoCodec the stream's video codec
	 * @return the media type
	 */
	static MediaType of(@Nullable String label, @Nullable String audioCodec, @Nullable String videoCodec) {
		String name = (label != null) ? label.toLowerCase(Locale.ROOT) : "";
		if (name.contains("applicationsharing")) {
			// VBSS is applicationsharing-video; other application sharing is RDP-based
			return name.contains("video") ? SCREEN_SHARING : OTHER;
		}
		if (name.contains("screen") || name.contains("vbss")) {
			return SCREEN_SHARING;
		}
		if (name.contains("audio")) {
			return AUDIO;
		}
		if (name.contains("video")) {
			return VIDEO;
		}
		if (name.isEmpty() || name.contains("unknown")) {
			if (audioCodec != null) {
				return AUDIO;
			}
			if (videoCodec != null) {
				return VIDEO;
			}
		}
		return OTHER;
	}

}
