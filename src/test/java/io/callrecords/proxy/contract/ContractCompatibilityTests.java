package io.callrecords.proxy.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.BackwardIncompatibleProp;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.output.ConsoleRender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract stays compatible with the last released one (openapi-diff decides what
 * breaks), unless its major version changes; and the check catches the breaks clients
 * would suffer.
 */
class ContractCompatibilityTests {

	private static final Path RELEASED = Path.of("api/released/v1.yaml");

	private static final Path CURRENT = Path.of("api-spec.yaml");

	/**
	 * Constraints written into the contract after the release that narrow its text but
	 * not the service, which refused every other value before (each is tested where the
	 * parameter is): a client of the released contract never got an answer for such a
	 * value. They are applied to the released contract before comparing. Add to this list
	 * only constraints the service already enforced when the contract was released.
	 */
	private static final Map<String, String> ENFORCED_BEFORE_WRITTEN = Map.of(
			// participantId: GraphIds' GUID or E.164 rule
			"E.164 number such as `+14255550100`.\n          schema:\n            type: string\n",
			"E.164 number such as `+14255550100`.\n          schema:\n            type: string\n"
					+ "            pattern: '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
					+ "|\\+[1-9][0-9]{1,14})$'\n");

	/**
	 * openapi-diff's rules, but a response enum may grow: clients are generated to read
	 * values they do not know (README; ContractEvolutionTests proves it for a client of
	 * the released contract).
	 */
	private static final OpenApiDiffOptions OPTIONS = OpenApiDiffOptions.builder()
		.configProperty(BackwardIncompatibleProp.RESPONSE_ENUM_INCREASED.getPropertyName(), "false")
		.build();

	private static final String JOIN_WEB_URL = "        joinWebUrl:\n          type: string\n";

	private static final String OPTIONAL_FIELDS = "        - name: fields\n          in: query\n          required: false";

	private static final String REQUIRED_FIELDS = "        - name: fields\n          in: query\n          required: true";

	@Test
	void theContractIsCompatibleWithTheReleasedOneOrHasANewMajorVersion() throws IOException {
		assertThat(breaks(RELEASED, CURRENT)).isEmpty();
	}

	@Test
	void deletingAResponseFieldIsABreakThatNamesTheField(@TempDir Path directory) throws IOException {
		Path changed = write(directory, Files.readString(CURRENT).replace(JOIN_WEB_URL, ""));

		assertThat(breaks(RELEASED, changed)).contains("joinWebUrl");
	}

	@Test
	void makingAnOptionalParameterRequiredIsABreak(@TempDir Path directory) throws IOException {
		Path changed = write(directory, Files.readString(CURRENT).replace(OPTIONAL_FIELDS, REQUIRED_FIELDS));

		assertThat(breaks(RELEASED, changed)).contains("fields");
	}

	@Test
	void aBreakIsAllowedWithANewMajorVersion(@TempDir Path directory) throws IOException {
		Path changed = write(directory,
				Files.readString(CURRENT)
					.replaceFirst("(?m)^  version: 1\\.[0-9.]+$", "  version: 2.0.0")
					.replace(OPTIONAL_FIELDS, REQUIRED_FIELDS));

		assertThat(breaks(RELEASED, changed)).isEmpty();
	}

	@Test
	void addingAProblemCodeIsCompatible(@TempDir Path directory) throws IOException {
		Path added = write(directory,
				Files.readString(CURRENT)
					.replace("            - INTERNAL_ERROR\n",
							"            - INTERNAL_ERROR\n            - CALL_RECORD_ARCHIVED\n"));

		assertThat(breaks(RELEASED, added)).isEmpty();
	}

	@Test
	void addingAnOptionalResponseFieldIsCompatible(@TempDir Path directory) throws IOException {
		Path changed = write(directory, Files.readString(CURRENT)
			.replace(JOIN_WEB_URL, JOIN_WEB_URL + "        chatThreadId:\n          type: string\n"));

		assertThat(breaks(RELEASED, changed)).isEmpty();
	}

	/**
	 * The breaking changes from the released contract to a candidate, rendered by
	 * openapi-diff; empty when there are none or the candidate's major version is newer.
	 */
	static String breaks(Path released, Path candidate) throws IOException {
		String releasedText = Files.readString(released);
		for (Map.Entry<String, String> constraint : ENFORCED_BEFORE_WRITTEN.entrySet()) {
			assertThat(releasedText).as("the released contract without the constraint").contains(constraint.getKey());
			releasedText = releasedText.replace(constraint.getKey(), constraint.getValue());
		}
		Path releasedAsEnforced = Files.createTempFile("released-as-enforced", ".yaml");
		ChangedOpenApi diff;
		try {
			Files.writeString(releasedAsEnforced, releasedText);
			diff = OpenApiCompare.fromLocations(releasedAsEnforced.toString(), candidate.toString(), null, OPTIONS);
		}
		finally {
			Files.delete(releasedAsEnforced);
		}
		// openapi-diff lets an optional response field go; generated clients break on it
		// all the same
		Set<String> removedFields = new TreeSet<>();
		diff.getChangedSchemas().forEach((schema) -> removedResponseFields(schema, "", removedFields));
		if ((diff.isCompatible() && removedFields.isEmpty()) || major(candidate) > major(released)) {
			return "";
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
			new ConsoleRender().render(diff, writer);
		}
		return "Breaking change against " + released + " without a new major version:\n"
				+ removedFields.stream()
					.map((field) -> "- response field removed: " + field + "\n")
					.reduce("", String::concat)
				+ out.toString(StandardCharsets.UTF_8);
	}

	private static void removedResponseFields(ChangedSchema schema, String path, Set<String> removed) {
		if (schema == null || schema.getContext() == null || !schema.getContext().isResponse()) {
			return;
		}
		String where = schema.getContext().getMethod() + " " + schema.getContext().getUrl() + " ";
		schema.getMissingProperties().keySet().forEach((name) -> removed.add(where + path + name));
		schema.getChangedProperties()
			.forEach((name, property) -> removedResponseFields(property, path + name + ".", removed));
		removedResponseFields(schema.getItems(), path + "[].", removed);
	}

	private static int major(Path spec) throws IOException {
		Matcher version = Pattern.compile("(?m)^  version: (\\d+)\\.").matcher(Files.readString(spec));
		assertThat(version.find()).as("info.version of %s", spec).isTrue();
		return Integer.parseInt(version.group(1));
	}

	private static Path write(Path directory, String spec) throws IOException {
		assertThat(spec).isNotEqualTo(Files.readString(CURRENT));
		return Files.writeString(directory.resolve("api-spec.yaml"), spec);
	}

}
