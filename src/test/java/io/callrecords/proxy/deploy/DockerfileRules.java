package io.callrecords.proxy.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules the image must follow, checked on the Dockerfile's text because no Docker
 * engine runs here: multi-stage, built with the Maven wrapper, Spring Boot layers
 * extracted, a pinned JRE 25+ base, a non-root user, container-sized JVM options, an AOT
 * cache trained in the image and used by its entry point, Spring AOT only on a jar built
 * for it and with the management port it was built for, and no secret baked in.
 */
final class DockerfileRules {

	private static final Pattern FROM = Pattern.compile("(?im)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");

	private static final Pattern SECRET_NAME = Pattern
		.compile("(?im)^(ENV|ARG)\\s+.*(SECRET|PASSWORD|TOKEN|PRIVATE_KEY|CLIENT_CERTIFICATE)");

	private DockerfileRules() {
	}

	static List<String> violations(String dockerfile, String dockerignore) {
		List<String> violations = new ArrayList<>();
		String text = dockerfile.replace("\\\n", " ");
		List<String> images = new ArrayList<>();
		Matcher from = FROM.matcher(text);
		while (from.find()) {
			images.add(from.group(1));
		}
		if (images.size() < 2) {
			violations.add("must be multi-stage (build and run stages)");
		}
		if (!images.isEmpty()) {
			String runtime = images.get(images.size() - 1).toLowerCase(Locale.ROOT);
			Matcher version = Pattern.compile(":(\\d+)[.\\w-]*").matcher(runtime);
			if (!version.find() || runtime.endsWith(":latest")) {
				violations.add("the runtime base image must be pinned to a version: " + runtime);
			}
			else if (Integer.parseInt(version.group(1)) < 25) {
				violations.add("the runtime base image must be Java 25 or newer (the AOT cache): " + runtime);
			}
			if (!runtime.contains("jre")) {
				violations.add("the runtime base image must be a JRE, not a JDK: " + runtime);
			}
		}
		if (!text.contains("./mvnw")) {
			violations.add("must build with the Maven wrapper (./mvnw)");
		}
		if (!text.contains("-Djarmode=tools") || !text.contains("extract --layers")) {
			violations.add("must extract Spring Boot's layers (-Djarmode=tools extract --layers)");
		}
		String finalStage = text.substring(Math.max(0, lastIndexOf(text, FROM)));
		Matcher user = Pattern.compile("(?im)^USER\\s+(\\S+)").matcher(finalStage);
		String lastUser = null;
		while (user.find()) {
			lastUser = user.group(1);
		}
		if (lastUser == null || lastUser.startsWith("root") || lastUser.startsWith("0")) {
			violations.add("the final stage must run as a non-root USER");
		}
		if (!Pattern.compile("(?im)^ENTRYPOINT").matcher(finalStage).find()) {
			violations.add("the final stage must have an ENTRYPOINT");
		}
		if (!finalStage.contains("JAVA_TOOL_OPTIONS") || !finalStage.contains("MaxRAMPercentage")) {
			violations.add("JAVA_TOOL_OPTIONS must size the JVM for containers (MaxRAMPercentage)");
		}
		Matcher entrypoint = Pattern.compile("(?im)^ENTRYPOINT(.*)$").matcher(finalStage);
		String entry = entrypoint.find() ? entrypoint.group(1) : "";
		Matcher trained = Pattern.compile("(?im)^RUN\\s.*-XX:AOTCacheOutput=(\\S+)").matcher(finalStage);
		if (!trained.find() || !entry.contains("-XX:AOTCache=" + trained.group(1))) {
			violations.add("the final stage must train an AOT cache (RUN ... -XX:AOTCacheOutput=<file>) and start "
					+ "from it (ENTRYPOINT ... -XX:AOTCache=<file>)");
		}
		// Spring AOT: the jar processed by -Pspring-aot (else the start is refused,
		// having nothing to run),
		// its fixed management port given by the image itself, so that a start without
		// one is not refused
		boolean springAot = finalStage.contains("-Dspring.aot.enabled=true");
		if (springAot
				&& !Pattern.compile("(?im)^RUN\\s.*\\./mvnw\\s.*-Pspring-aot\\b.*\\spackage\\b").matcher(text).find()) {
			violations.add("the final stage runs with Spring AOT (-Dspring.aot.enabled=true), so the jar must be "
					+ "built with ./mvnw -Pspring-aot ... package");
		}
		if (springAot && !Pattern.compile("(?im)^ENV\\s.*\\bMANAGEMENT_SERVER_PORT=\\d+").matcher(finalStage).find()) {
			violations.add("the final stage runs with Spring AOT, built with the management port apart: "
					+ "it must set MANAGEMENT_SERVER_PORT");
		}
		if (SECRET_NAME.matcher(text).find() || text.matches("(?is).*COPY\\s+[^\\n]*\\.(pem|key|p12|pfx)\\b.*")) {
			violations.add("must not bake secrets into the image");
		}
		List<String> ignored = dockerignore.lines().map(String::trim).toList();
		if (!ignored.contains("target/") || !ignored.contains(".git/")) {
			violations.add(".dockerignore must exclude target/ and .git/");
		}
		return violations;
	}

	private static int lastIndexOf(String text, Pattern pattern) {
		Matcher matcher = pattern.matcher(text);
		int last = -1;
		while (matcher.find()) {
			last = matcher.start();
		}
		return last;
	}

}
