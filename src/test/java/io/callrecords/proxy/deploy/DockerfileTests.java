package io.callrecords.proxy.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile follows the image rules (no Docker engine here, so they are checked on
 * its text; the image itself is built where Docker exists), and the check catches each
 * broken rule.
 */
class DockerfileTests {

	private static final Path DOCKERFILE = Path.of("Dockerfile");

	private static final Path DOCKERIGNORE = Path.of(".dockerignore");

	@Test
	void theDockerfileFollowsEveryRule() throws IOException {
		assertThat(DockerfileRules.violations(Files.readString(DOCKERFILE), Files.readString(DOCKERIGNORE))).isEmpty();
	}

	@Test
	void aRootUserIsCaught() throws IOException {
		String broken = Files.readString(DOCKERFILE).replace("USER 10001:10001", "USER root");

		assertThat(DockerfileRules.violations(broken, Files.readString(DOCKERIGNORE)))
			.containsExactly("the final stage must run as a non-root USER");
	}

	@Test
	void anUnpinnedOrOldBaseImageIsCaught() throws IOException {
		String dockerfile = Files.readString(DOCKERFILE);
		String latest = dockerfile.replaceAll("(?m)^FROM eclipse-temurin:[^\\s]+-jre-noble$",
				"FROM eclipse-temurin:latest");
		String old = dockerfile.replaceAll("(?m)^FROM eclipse-temurin:[^\\s]+-jre-noble$",
				"FROM eclipse-temurin:21.0.9_10-jre-noble");

		assertThat(DockerfileRules.violations(latest, Files.readString(DOCKERIGNORE)))
			.anyMatch((violation) -> violation.contains("pinned"));
		assertThat(DockerfileRules.violations(old, Files.readString(DOCKERIGNORE)))
			.anyMatch((violation) -> violation.contains("Java 25"));
	}

	@Test
	void anImageWithoutItsAotCacheIsCaught() throws IOException {
		String dockerfile = Files.readString(DOCKERFILE);
		String untrained = dockerfile.replace("-XX:AOTCacheOutput=application.aot", "-Dno.training");
		String unused = dockerfile.replace("\"-XX:AOTCache=application.aot\", ", "");

		assertThat(DockerfileRules.violations(untrained, Files.readString(DOCKERIGNORE))).singleElement()
			.asString()
			.contains("AOT cache");
		assertThat(DockerfileRules.violations(unused, Files.readString(DOCKERIGNORE))).singleElement()
			.asString()
			.contains("AOT cache");
	}

	@Test
	void springAotWithoutItsBuildOrItsManagementPortIsCaught() throws IOException {
		String dockerfile = Files.readString(DOCKERFILE);
		String unprocessed = dockerfile.replace(" -Pspring-aot", "");
		String samePort = dockerfile.replaceAll("(?m)^(\\s*)MANAGEMENT_SERVER_PORT=8081",
				"$1SPRING_MAIN_BANNER_MODE=off");

		assertThat(DockerfileRules.violations(dockerfile, Files.readString(DOCKERIGNORE))).isEmpty();
		assertThat(DockerfileRules.violations(unprocessed, Files.readString(DOCKERIGNORE))).singleElement()
			.asString()
			.contains("-Pspring-aot");
		assertThat(DockerfileRules.violations(samePort, Files.readString(DOCKERIGNORE))).singleElement()
			.asString()
			.contains("MANAGEMENT_SERVER_PORT");
	}

	@Test
	void aBakedSecretIsCaught() throws IOException {
		String broken = Files.readString(DOCKERFILE)
			.replace("EXPOSE 8080", "ENV AZURE_CLIENT_SECRET=oops\nEXPOSE 8080");

		assertThat(DockerfileRules.violations(broken, Files.readString(DOCKERIGNORE)))
			.containsExactly("must not bake secrets into the image");
	}

	@Test
	void aSingleStageBuildWithoutLayersIsCaught() {
		String broken = "FROM eclipse-temurin:21-jre\nCOPY target/app.jar app.jar\nUSER 1000\n"
				+ "ENV JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75\"\nENTRYPOINT [\"java\",\"-jar\",\"app.jar\"]\n";

		assertThat(DockerfileRules.violations(broken, "target/\n.git/\n")).contains(
				"must be multi-stage (build and run stages)", "must build with the Maven wrapper (./mvnw)",
				"must extract Spring Boot's layers (-Djarmode=tools extract --layers)");
	}

}
