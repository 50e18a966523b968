package io.callrecords.proxy.graph;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one home of the id rules: GUIDs and E.164 phone numbers.
 */
class GraphIdsTests {

	@ParameterizedTest
	@ValueSource(strings = { "e523d2ed-2966-4b6b-925b-754a88034cc5", "E523D2ED-2966-4B6B-925B-754A88034CC5" })
	void guidsInAnyCaseAreGuids(String value) {
		assertThat(GraphIds.isGuid(value)).isTrue();
		assertThat(GraphIds.isParticipantId(value)).isTrue();
		assertThat(GraphIds.isPhoneNumber(value)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "e523d2ed-2966-4b6b-925b-754a88034cc", "e523d2ed-2966-4b6b-925b-754a88034cc5 ",
			"{e523d2ed-2966-4b6b-925b-754a88034cc5}", "e523d2ed29664b6b925b754a88034cc5",
			"g523d2ed-2966-4b6b-925b-754a88034cc5", "e523d2ed-2966-4b6b-925b-754a88034cc5')" })
	void anythingElseIsNotAGuid(String value) {
		assertThat(GraphIds.isGuid(value)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "+14255550100", "+12", "+123456789012345" })
	void e164NumbersArePhoneNumbers(String value) {
		assertThat(GraphIds.isPhoneNumber(value)).isTrue();
		assertThat(GraphIds.isParticipantId(value)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "14255550100", "+04255550100", "+1", "+1234567890123456", "+1 425 555 0100", "+1425555010a" })
	void otherNumbersAreNotPhoneNumbers(String value) {
		assertThat(GraphIds.isPhoneNumber(value)).isFalse();
		assertThat(GraphIds.isParticipantId(value)).isFalse();
	}

	@Test
	void nullIsNothing() {
		assertThat(GraphIds.isGuid(null)).isFalse();
		assertThat(GraphIds.isPhoneNumber(null)).isFalse();
		assertThat(GraphIds.isParticipantId(null)).isFalse();
	}

}
