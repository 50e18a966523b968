package io.callrecords.proxy.graph;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.callrecords.proxy.graph.internal.GraphFixtures;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A {@link GraphClient} for slice tests: answers from the official Graph fixtures, read
 * as the real client reads them, fails as told, and remembers every request it got.
 * <p>
 * It knows one call record ({@link #RECORD}). Every collection has two pages: the first
 * links to the second with a link on {@link #BASE_URL}, the second is the last. It
 * accepts a link to read on when it leads to the asked collection on {@link #BASE_URL}, a
 * stand-in for the real client's checks (tested in {@code WebClientGraphClientTests}).
 */
public class FakeGraph implements GraphClient {

	/** Where the fake's links lead. */
	public static final String BASE_URL = "https://graph.microsoft.com/v1.0";

	/** The one call record the fake knows: {@code callrecord-get.json}. */
	public static final String RECORD = "e523d2ed-2966-4b6b-925b-754a88034cc5";

	private static final GraphCallRecord record = GraphFixtures.record(GraphFixtures.fixture("callrecord-get.json"));

	private static final List<GraphCallRecord> records = GraphFixtures
		.records(GraphFixtures.fixture("callrecords-list.json"))
		.items();

	private static final List<GraphSession> sessions = GraphFixtures
		.page(GraphFixtures.fixture("sessions-list.json"), GraphSession.class)
		.items();

	private static final List<GraphParticipant> participants = GraphFixtures
		.page(GraphFixtures.fixture("participants_v2-list.json"), GraphParticipant.class)
		.items();

	/** The rows of {@code pstncalls-get.json}. */
	public static final List<GraphPstnCallRow> PSTN_ROWS = GraphFixtures
		.page(GraphFixtures.fixture("pstncalls-get.json"), GraphPstnCallRow.class)
		.items();

	/** The rows of {@code directroutingcalls-get.json}. */
	public static final List<GraphDirectRoutingRow> DIRECT_ROUTING_ROWS = GraphFixtures
		.page(GraphFixtures.fixture("directroutingcalls-get.json"), GraphDirectRoutingRow.class)
		.items();

	private final List<Object> requests = new CopyOnWriteArrayList<>();

	private volatile List<GraphPstnCallRow> pstnRows = PSTN_ROWS;

	private volatile @Nullable RuntimeException failure;

	/**
	 * Makes every later call fail with this exception, until {@link #reset()}.
	 * @param failure what Graph calls end in, usually a {@link GraphException}
	 */
	public void failWith(RuntimeException failure) {
		this.failure = failure;
	}

	/**
	 * Forgets the requests and the failure.
	 */
	public void reset() {
		this.requests.clear();
		this.failure = null;
		this.pstnRows = PSTN_ROWS;
	}

	/**
	 * The requests the fake got, in order: {@link CallRecordRequest}s and
	 * {@link PageRequest}s.
	 * @return the requests
	 */
	public List<Object> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public Mono<GraphCallRecord> getCallRecord(CallRecordRequest request) {
		return answer(request, () -> {
			if (!request.callRecordId().equalsIgnoreCase(RECORD)) {
				throw new GraphException(GraphFailure.NOT_FOUND, "no such record", 404, "fake-request-id", null, null);
			}
			return record;
		});
	}

	@Override
	public Mono<GraphPage<GraphCallRecord>> listCallRecords(PageRequest request) {
		return answer(request, () -> page(records, request));
	}

	@Override
	public Mono<GraphPage<GraphSession>> listSessions(PageRequest request) {
		return answer(request, () -> page(sessions, request));
	}

	@Override
	public Mono<GraphPage<GraphParticipant>> listParticipants(PageRequest request) {
		return answer(request, () -> page(participants, request));
	}

	/**
	 * Makes each page of the PSTN call log answer these rows, until {@link #reset()}.
	 * @param rows the rows
	 */
	public void pstnRows(List<GraphPstnCallRow> rows) {
		this.pstnRows = List.copyOf(rows);
	}

	@Override
	public Mono<GraphPage<GraphPstnCallRow>> listPstnCalls(PageRequest request) {
		return answer(request, () -> page(this.pstnRows, request));
	}

	@Override
	public Mono<GraphPage<GraphDirectRoutingRow>> listDirectRoutingCalls(PageRequest request) {
		return answer(request, () -> page(DIRECT_ROUTING_ROWS, request));
	}

	@Override
	public @Nullable PageLink pageLink(String link, GraphCollection collection, @Nullable String callRecordId) {
		String start = collectionUrl(collection, callRecordId).toLowerCase(Locale.ROOT);
		String separator = collection.callLog() ? "(" : "?";
		return link.toLowerCase(Locale.ROOT).startsWith(start + separator) ? new PageLink(link) : null;
	}

	private <T> Mono<T> answer(Object request, Supplier<T> answer) {
		return Mono.fromSupplier(() -> {
			this.requests.add(request);
			RuntimeException failure = this.failure;
			if (failure != null) {
				throw failure;
			}
			return answer.get();
		});
	}

	/**
	 * The link of a collection's second page, the last.
	 * @param collection the collection
	 * @param callRecordId the record, for a record's collections
	 * @return the link the first page carries
	 */
	public static PageLink secondPage(GraphCollection collection, @Nullable String callRecordId) {
		if (collection.callLog()) {
			return new PageLink(collectionUrl(collection, callRecordId)
					+ "(fromDateTime=2019-11-01,toDateTime=2019-12-01)?$skip=1000");
		}
		return new PageLink(collectionUrl(collection, callRecordId) + "?$skiptoken=page2");
	}

	private static <T> GraphPage<T> page(List<T> items, PageRequest request) {
		PageLink next = (request.next() != null) ? null : secondPage(request.collection(), request.callRecordId());
		return new GraphPage<>(items, next);
	}

	private static String collectionUrl(GraphCollection collection, @Nullable String callRecordId) {
		return BASE_URL + "/communications/callRecords" + switch (collection) {
			case CALL_RECORDS -> "";
			case SESSIONS -> "/" + callRecordId + "/sessions";
			case PARTICIPANTS -> "/" + callRecordId + "/participants_v2";
			case PSTN_CALLS -> "/getPstnCalls";
			case DIRECT_ROUTING_CALLS -> "/getDirectRoutingCalls";
		};
	}

}
