package io.callrecords.proxy.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Graph's budgets (the app's, the list's, each record's) are shared between calling
 * apps when several want them at once. Each app active in a budget's period has a share
 * of it in proportion to its weight; an app alone may use all of it. An app over its
 * share may still use what the others leave unclaimed, and is otherwise answered 429 with
 * {@code Retry-After} (its own doing), while the others keep their shares. Bound from
 * {@code callrecords.graph.fair-share.*}, filled from the {@code GRAPH_FAIR_SHARE_*}
 * environment variables.
 *
 * @param enabled whether budgets are shared by calling app; off, the first come are
 * served
 * @param weights the weights of apps that deserve more than one share: {@code app=weight}
 * pairs separated by commas (for example {@code 5c0ffee0-...=3}), the app being the
 * {@code azp}/{@code appid} of its tokens; every other app weighs 1
 */
@Validated
@ConfigurationProperties("callrecords.graph.fair-share")
public record GraphFairShareProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("") @NotNull String weights) {

	private static final Pattern PAIR = Pattern.compile("\\s*([^=,\\s]+)\\s*=\\s*([1-9][0-9]{0,2})\\s*");

	@AssertTrue(message = "must be app=weight pairs separated by commas, weights 1 to 999 (GRAPH_FAIR_SHARE_WEIGHTS)")
	boolean isWeightsValid() {
		return this.weights.isBlank() || this.weights.split(",", -1).length == parse(this.weights).size();
	}

	/**
	 * The weight of each app named in {@link #weights()}.
	 * @return the weights, by app
	 */
	public Map<String, Integer> weightsByCaller() {
		return parse(this.weights);
	}

	private static Map<String, Integer> parse(String weights) {
		Map<String, Integer> parsed = new LinkedHashMap<>();
		if (weights.isBlank()) {
			return parsed;
		}
		for (String pair : weights.split(",", -1)) {
			var matcher = PAIR.matcher(pair);
			if (matcher.matches()) {
				parsed.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
			}
		}
		return parsed;
	}

}
