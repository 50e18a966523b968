package io.callrecords.proxy.graph;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The one home of the list filter's rules and of page sizes: what a caller is told is
 * what the filter refuses.
 */
class CallRecordFilterTests {

	private static final Instant NOON = Instant.parse("2024-06-01T12:00:00Z");

	@Test
	void aFilterWithValidValuesHasNoViolations() {
		assertThat(CallRecordFilter.violations(NOON, NOON.plusSeconds(1), "+14255550100")).isEmpty();
		assertThat(new CallRecordFilter(null, null, null).isFiltered()).isFalse();
		assertThat(new CallRecordFilter(NOON, null, null).isFiltered()).isTrue();
	}

	@Test
	void aParticipantThatIsNeitherAGuidNorAPhoneNumberIsNamedAndRefused() {
		assertThat(CallRecordFilter.violations(null, null, "x' or true")).singleElement().satisfies((violation) -> {
			assertThat(violation.parameter()).isEqualTo("participantId");
			assertThat(violation.message()).contains("GUID", "E.164");
		});
		assertThatIllegalArgumentException().isThrownBy(() -> new CallRecordFilter(null, null, "x' or true"));
	}

	@Test
	void aRangeThatDoesNotMoveForwardIsNamedAtToAndRefused() {
		assertThat(CallRecordFilter.violations(NOON, NOON, null)).extracting(CallRecordFilter.Violation::parameter)
			.containsExactly("to");
		assertThat(CallRecordFilter.violations(NOON, NOON.minusSeconds(1), "bad"))
			.extracting(CallRecordFilter.Violation::parameter)
			.containsExactly("participantId", "to");
		assertThatIllegalArgumentException().isThrownBy(() -> new CallRecordFilter(NOON, NOON, null));
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			CALL_RECORDS, 60
			SESSIONS,     60
			PARTICIPANTS, 130
			""")
	void pageSizesAreOneToGraphsLargestPage(GraphCollection collection, int largest) {
		assertThat(collection.maxPageSize()).isEqualTo(largest);
		assertThat(collection.accepts(null)).isTrue();
		assertThat(collection.accepts(1)).isTrue();
		assertThat(collection.accepts(largest)).isTrue();
		assertThat(collection.accepts(0)).isFalse();
		assertThat(collection.accepts(largest + 1)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> new PageRequest(collection,
				(collection == GraphCollection.CALL_RECORDS) ? null : "e523d2ed-2966-4b6b-925b-754a88034cc5", null,
				false, largest + 1, null, "rid"));
	}

}
