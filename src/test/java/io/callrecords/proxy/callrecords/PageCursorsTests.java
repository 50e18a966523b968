package io.callrecords.proxy.callrecords;

import io.callrecords.proxy.callrecords.PageCursors.Scope;
import io.callrecords.proxy.graph.GraphCallRecord;
import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphPage;
import io.callrecords.proxy.graph.GraphParticipant;
import io.callrecords.proxy.graph.GraphSession;
import io.callrecords.proxy.graph.PageLink;
import io.callrecords.proxy.graph.PageRequest;
import io.callrecords.proxy.graph.GraphProperties.Secret;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cursors: sealed with their query, opened only in their scope and only to links the
 * Graph client accepts for that collection; refusals say what is wrong.
 */
class PageCursorsTests {

	private static final String RECORD = "e523d2ed-2966-4b6b-925b-754a88034cc5";

	private static final String LINK = "https://graph.example/v1.0/communications/callRecords/" + RECORD
			+ "/sessions?$skiptoken=abc";

	private final PageCursors cursors = new PageCursors(new Cursors(new Secret("p".repeat(32))),
			new LinkCheckingGraph());

	@Test
	void aCursorOpensInItsScopeToItsQueryAndLink() {
		Scope scope = new Scope(GraphCollection.SESSIONS, RECORD);
		String cursor = this.cursors.seal(scope, "segments=true", new PageLink(LINK));

		PageCursors.Opened opened = this.cursors.open(scope, cursor);

		assertThat(opened.query()).isEqualTo("segments=true");
		assertThat(opened.next().value()).isEqualTo(LINK);
	}

	@Test
	void theLastPageHasNoCursor() {
		assertThat(this.cursors.seal(new Scope(GraphCollection.CALL_RECORDS, null), "q", null)).isNull();
	}

	@Test
	void aCursorOfAnotherEndpointOrRecordIsInvalidAndSaysSo() {
		String cursor = this.cursors.seal(new Scope(GraphCollection.SESSIONS, RECORD), "segments=true",
				new PageLink(LINK));

		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> this.cursors.open(new Scope(GraphCollection.PARTICIPANTS, RECORD), cursor))
			.withMessageContaining("another endpoint or call record");
		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> this.cursors
				.open(new Scope(GraphCollection.SESSIONS, "0b4bc7e4-4c2b-4a4d-9e4a-000000000001"), cursor))
			.withMessageContaining("another endpoint or call record");
	}

	@Test
	void anAlteredCursorOrOneSealedWithAnotherKeyIsInvalidAndSaysSo() {
		Scope scope = new Scope(GraphCollection.SESSIONS, RECORD);
		String cursor = this.cursors.seal(scope, "", new PageLink(LINK));
		PageCursors otherKey = new PageCursors(new Cursors(new Secret("q".repeat(32))), new LinkCheckingGraph());
		String altered = cursor.substring(0, 30) + ((cursor.charAt(30) == 'A') ? 'B' : 'A') + cursor.substring(31);

		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> otherKey.open(scope, cursor))
			.withMessageContaining("altered")
			.withMessageNotContaining("another endpoint");
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> this.cursors.open(scope, altered))
			.withMessageContaining("altered");
	}

	@Test
	void aCursorWhoseLinkTheGraphClientRefusesIsInvalid() {
		Scope scope = new Scope(GraphCollection.SESSIONS, RECORD);
		String cursor = this.cursors.seal(scope, "", new PageLink("https://elsewhere.example/steal"));

		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> this.cursors.open(scope, cursor))
			.withMessageContaining("Microsoft Graph");
	}

	@Test
	void scopesDoNotDependOnTheCaseOfTheRecordId() {
		String cursor = this.cursors.seal(new Scope(GraphCollection.SESSIONS, RECORD.toUpperCase()), "",
				new PageLink(LINK));

		assertThat(this.cursors.open(new Scope(GraphCollection.SESSIONS, RECORD), cursor).next().value())
			.isEqualTo(LINK);
	}

	/** Accepts exactly the links of {@link #LINK}'s host, as the Graph client would. */
	private static final class LinkCheckingGraph implements GraphClient {

		@Override
		public @Nullable PageLink pageLink(String link, GraphCollection collection, @Nullable String callRecordId) {
			return link.startsWith("https://graph.example/") ? new PageLink(link) : null;
		}

		@Override
		public Mono<GraphCallRecord> getCallRecord(io.callrecords.proxy.graph.CallRecordRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<GraphPage<GraphCallRecord>> listCallRecords(PageRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<GraphPage<GraphSession>> listSessions(PageRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<GraphPage<GraphParticipant>> listParticipants(PageRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<GraphPage<io.callrecords.proxy.graph.GraphPstnCallRow>> listPstnCalls(PageRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<GraphPage<io.callrecords.proxy.graph.GraphDirectRoutingRow>> listDirectRoutingCalls(
				PageRequest request) {
			throw new UnsupportedOperationException();
		}

	}

}
