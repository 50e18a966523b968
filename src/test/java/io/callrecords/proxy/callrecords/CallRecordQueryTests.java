package io.callrecords.proxy.callrecords;

import java.util.List;

import io.callrecords.proxy.graph.CallRecordRequest;
import io.callrecords.proxy.graph.CallRecordRequest.Property;
import io.callrecords.proxy.graph.CallRecordRequest.Expansion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Parsing {@code include} and {@code fields} into Graph's {@code $expand} and
 * {@code $select}.
 */
class CallRecordQueryTests {

	private static final String ID = "e523d2ed-2966-4b6b-925b-754a88034cc5";

	@Test
	void withoutOptionsAsksForTheRecordAlone() {
		CallRecordRequest request = CallRecordQuery.parse(ID, null, null).toGraphRequest(5000, "rid");

		assertThat(request.expand()).isEmpty();
		assertThat(request.select()).isEmpty();
		assertThat(request.clientRequestId()).isEqualTo("rid");
	}

	@Test
	void segmentsImplySessionsAndAreExpandedOnce() {
		CallRecordRequest request = CallRecordQuery.parse(ID, List.of("sessions", "segments", "participants"), null)
			.toGraphRequest(5000, "rid");

		assertThat(request.expand()).containsExactlyInAnyOrder(Expansion.PARTICIPANTS,
				Expansion.SESSIONS_WITH_SEGMENTS);
	}

	@Test
	void duplicateValuesAreIgnored() {
		CallRecordQuery query = CallRecordQuery.parse(ID, List.of(" participants ", "participants"),
				List.of("type", " type"));

		assertThat(query.includes()).containsExactly(CallRecordQuery.Include.PARTICIPANTS);
		assertThat(query.toGraphRequest(5000, "rid").select()).containsExactly(Property.ID, Property.VERSION,
				Property.TYPE);
	}

	@Test
	void aBlankValueIsNoneOfTheContractsValuesAndRejected() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> CallRecordQuery.parse(ID, List.of("participants", ""), List.of(" ")))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("2 invalid parameters"));
	}

	@Test
	void rejectedValuesAreQuotedOnlyInASafeForm() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> CallRecordQuery.parse(ID, List.of("<script>alert(1)</script>"), null))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("<", ">", "(").contains("?script?alert?1??"));
	}

	@Test
	void shapeDropsWhatWasNotAskedForEvenWhenGraphSendsIt() {
		Party organizer = new Party("o", "Org", null, null, PartyKind.USER, null);
		Session session = new Session("s", null, null, null, null, null, null, null,
				List.of(new Segment("g", null, null, null, null, null, null)));
		CallRecordResponse full = new CallRecordResponse(ID, 2L, "groupCall", List.of("audio"), null, null, 1.0, null,
				"https://join", organizer, List.of(organizer), List.of(session), true, true);

		CallRecordResponse shaped = CallRecordQuery.parse(ID, List.of("sessions"), List.of("type")).shape(full);

		assertThat(shaped).isEqualTo(new CallRecordResponse(ID, null, "groupCall", null, null, null, null, null, null,
				null, null, List.of(session.withoutSegments()), null, true));
	}

}
