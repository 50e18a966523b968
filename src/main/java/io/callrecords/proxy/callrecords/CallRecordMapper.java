package io.callrecords.proxy.callrecords;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.callrecords.proxy.callrecords.SessionEndpoint.Feedback;
import io.callrecords.proxy.callrecords.SessionEndpoint.UserAgent;
import io.callrecords.proxy.graph.GraphCallRecord;
import io.callrecords.proxy.graph.GraphDeviceInfo;
import io.callrecords.proxy.graph.GraphEndpoint;
import io.callrecords.proxy.graph.GraphFailureInfo;
import io.callrecords.proxy.graph.GraphIdentity;
import io.callrecords.proxy.graph.GraphIdentitySet;
import io.callrecords.proxy.graph.GraphIds;
import io.callrecords.proxy.graph.GraphMedia;
import io.callrecords.proxy.graph.GraphDurations;
import io.callrecords.proxy.graph.GraphMediaStream;
import io.callrecords.proxy.graph.GraphNetworkInfo;
import io.callrecords.proxy.graph.GraphParticipant;
import io.callrecords.proxy.graph.GraphProperties;
import io.callrecords.proxy.graph.GraphSegment;
import io.callrecords.proxy.graph.GraphSession;
import io.callrecords.proxy.quality.StreamClassifier;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Flattens Graph's typed call records into the API's DTOs. A pure function: no I/O, and
 * tolerant of anything Graph may leave out (unknown identity slots become
 * {@link PartyKind#UNKNOWN}, unknown enum values pass through as strings). ISO-8601
 * durations become milliseconds; every other value keeps Graph's name and value. Every
 * stream gets the classifier's verdict.
 */
@Component
class CallRecordMapper {

	/** Members of an identity set that are not identity slots. */
	private static final List<String> NON_SLOTS = List.of("endpointType");

	private static final Map<String, PartyKind> KINDS_BY_SLOT = Arrays.stream(PartyKind.values())
		.filter((kind) -> kind != PartyKind.UNKNOWN)
		.collect(Collectors.toUnmodifiableMap(PartyKind::slot, Function.identity()));

	private final @Nullable String homeTenantId;

	private final StreamClassifier classifier;

	/**
	 * Creates a mapper for the service's tenant.
	 * @param graph the Graph settings, whose tenant is the home tenant: parties of other
	 * tenants are external. When it is not a GUID (a domain name was configured),
	 * {@code external} is only known for guests and phone numbers.
	 * @param classifier the call-quality classifier that judges each stream
	 */
	@Autowired
	CallRecordMapper(GraphProperties graph, StreamClassifier classifier) {
		this(graph.tenantId(), classifier);
	}

	CallRecordMapper(String homeTenantId) {
		this(homeTenantId, StreamClassifier.withDefaults());
	}

	CallRecordMapper(String homeTenantId, StreamClassifier classifier) {
		this.homeTenantId = GraphIds.isGuid(homeTenantId) ? homeTenantId : null;
		this.classifier = classifier;
	}

	CallRecordResponse callRecord(GraphCallRecord record) {
		OffsetDateTime start = record.startDateTime();
		OffsetDateTime end = record.endDateTime();
		return new CallRecordResponse(String.valueOf(record.id()), record.version(), record.type(),
				present(record.modalities()), start, end, durationSeconds(start, end), record.lastModifiedDateTime(),
				record.joinWebUrl(), organizer(record), participants(record), list(record.sessions(), this::session),
				record.participantsTruncated() ? Boolean.TRUE : null, record.sessionsTruncated() ? Boolean.TRUE : null);
	}

	CallRecordSummary summary(GraphCallRecord record) {
		return CallRecordSummary.of(callRecord(record));
	}

	private @Nullable Party organizer(GraphCallRecord record) {
		if (record.organizer() != null) {
			return participant(record.organizer());
		}
		return (record.legacyOrganizer() != null) ? identitySet(record.legacyOrganizer(), null) : null;
	}

	private @Nullable List<Party> participants(GraphCallRecord record) {
		List<Party> participants = list(record.participants(), this::participant);
		if (participants != null && !participants.isEmpty()) {
			return participants;
		}
		// records from before participants_v2 carry only the deprecated identity sets
		List<Party> legacy = list(record.legacyParticipants(), (identitySet) -> identitySet(identitySet, null));
		return (legacy != null) ? legacy : participants;
	}

	/**
	 * Maps a Graph {@code participant} or {@code organizer}: an id and an identity set.
	 */
	Party participant(GraphParticipant participant) {
		GraphIdentitySet identity = participant.identity();
		Party party = (identity != null) ? identitySet(identity, participant.id()) : null;
		return (party != null) ? party : new Party(participant.id(), null, null, null, PartyKind.UNKNOWN, null);
	}

	/**
	 * The party of an identity set: its slot of the first kind in {@link PartyKind}'s
	 * order that holds an identity, else its first other slot that does. One pass over
	 * the set's few slots (Graph sends one to three) rather than a lookup per kind.
	 */
	private @Nullable Party identitySet(GraphIdentitySet identitySet, @Nullable String participantId) {
		PartyKind kind = null;
		GraphIdentity known = null;
		GraphIdentity other = null;
		for (Map.Entry<String, @Nullable GraphIdentity> entry : identitySet.slots().entrySet()) {
			GraphIdentity slot = entry.getValue();
			if (slot == null) {
				continue;
			}
			PartyKind slotKind = KINDS_BY_SLOT.get(entry.getKey());
			if (slotKind != null) {
				if (kind == null || slotKind.ordinal() < kind.ordinal()) {
					kind = slotKind;
					known = slot;
				}
			}
			else if (other == null && !entry.getKey().startsWith("@") && !NON_SLOTS.contains(entry.getKey())) {
				other = slot;
			}
		}
		if (kind != null && known != null) {
			return party(kind, known, participantId);
		}
		if (other != null) {
			return party(PartyKind.UNKNOWN, other, participantId);
		}
		return (participantId != null) ? new Party(participantId, null, null, null, PartyKind.UNKNOWN, null) : null;
	}

	private Party party(PartyKind kind, GraphIdentity identity, @Nullable String participantId) {
		String id = (participantId != null) ? participantId : identity.id();
		return new Party(id, identity.displayName(), identity.tenantId(), identity.userPrincipalName(), kind,
				external(kind, identity.tenantId()));
	}

	private @Nullable Boolean external(PartyKind kind, @Nullable String tenantId) {
		if (kind == PartyKind.GUEST || kind == PartyKind.PHONE) {
			return true;
		}
		if (tenantId == null || tenantId.isBlank() || this.homeTenantId == null) {
			return null;
		}
		return !this.homeTenantId.equalsIgnoreCase(tenantId);
	}

	Session session(GraphSession session) {
		return new Session(session.id(), present(session.modalities()), session.startDateTime(), session.endDateTime(),
				session.isTest(), endpoint(session.caller()), endpoint(session.callee()),
				failureInfo(session.failureInfo()), list(session.segments(), this::segment));
	}

	private Segment segment(GraphSegment segment) {
		return new Segment(segment.id(), segment.startDateTime(), segment.endDateTime(), endpoint(segment.caller()),
				endpoint(segment.callee()), failureInfo(segment.failureInfo()), list(segment.media(), this::media));
	}

	private @Nullable SessionEndpoint endpoint(@Nullable GraphEndpoint endpoint) {
		if (endpoint == null) {
			return null;
		}
		Party party = endpointParty(endpoint);
		String endpointType = switch (lowerTypeName(endpoint.odataType())) {
			case "participantendpoint" -> "participant";
			case "serviceendpoint" -> "service";
			default -> (party != null) ? "participant" : "unknown";
		};
		return new SessionEndpoint(endpointType, party, endpoint.name(), userAgent(endpoint.userAgent()),
				feedback(endpoint.feedback()), endpoint.cpuName(), endpoint.cpuCoresCount(),
				endpoint.cpuProcessorSpeedInMhz());
	}

	/**
	 * The party at an endpoint: {@code associatedIdentity}, or the deprecated identity
	 * set {@code identity} when Graph sends no associated identity.
	 */
	private @Nullable Party endpointParty(GraphEndpoint endpoint) {
		GraphIdentity associated = endpoint.associatedIdentity();
		if (associated != null) {
			return party(identityKind(associated), associated, null);
		}
		return (endpoint.identity() != null) ? identitySet(endpoint.identity(), null) : null;
	}

	/**
	 * The kind of a single {@code graph.identity}: from its {@code @odata.type} when
	 * Graph sends one, else a user when it has a user principal name, a phone when its id
	 * is an E.164 number, else unknown.
	 */
	private static PartyKind identityKind(GraphIdentity identity) {
		PartyKind kind = switch (lowerTypeName(identity.odataType())) {
			case "useridentity", "communicationsuseridentity" -> PartyKind.USER;
			case "communicationsguestidentity" -> PartyKind.GUEST;
			case "communicationsphoneidentity" -> PartyKind.PHONE;
			case "communicationsapplicationidentity" -> PartyKind.APPLICATION;
			case "communicationsapplicationinstanceidentity" -> PartyKind.APPLICATION_INSTANCE;
			case "communicationsencryptedidentity" -> PartyKind.ENCRYPTED;
			case "azurecommunicationservicesuseridentity" -> PartyKind.AZURE_COMMUNICATION_SERVICES_USER;
			default -> null;
		};
		if (kind != null) {
			return kind;
		}
		if (identity.userPrincipalName() != null) {
			return PartyKind.USER;
		}
		return GraphIds.isPhoneNumber(identity.id()) ? PartyKind.PHONE : PartyKind.UNKNOWN;
	}

	private static String lowerTypeName(@Nullable String odataType) {
		if (odataType == null) {
			return "";
		}
		return odataType.substring(odataType.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
	}

	private static @Nullable UserAgent userAgent(GraphEndpoint.@Nullable UserAgent agent) {
		if (agent == null) {
			return null;
		}
		return new UserAgent(agent.platform(), agent.productFamily(), agent.applicationVersion(), agent.headerValue(),
				agent.role(), agent.azureADAppId(), agent.communicationServiceId());
	}

	private static @Nullable Feedback feedback(GraphEndpoint.@Nullable Feedback feedback) {
		if (feedback == null) {
			return null;
		}
		Map<String, Boolean> ticked = null;
		if (feedback.tokens() != null) {
			ticked = new LinkedHashMap<>();
			for (Map.Entry<String, @Nullable Boolean> token : feedback.tokens().entrySet()) {
				if (token.getValue() != null && !token.getKey().startsWith("@")) {
					ticked.put(token.getKey(), token.getValue());
				}
			}
		}
		return new Feedback(feedback.rating(), feedback.text(), ticked);
	}

	private static @Nullable FailureInfo failureInfo(@Nullable GraphFailureInfo failure) {
		return (failure != null) ? new FailureInfo(failure.reason(), failure.stage()) : null;
	}

	private Media media(GraphMedia media) {
		return new Media(media.label(), network(media.callerNetwork()), network(media.calleeNetwork()),
				device(media.callerDevice()), device(media.calleeDevice()),
				list(media.streams(), (stream) -> stream(media.label(), stream)));
	}

	private MediaStream stream(@Nullable String label, GraphMediaStream s) {
		return new MediaStream(s.streamId(), s.streamDirection(), s.startDateTime(), s.endDateTime(), s.audioCodec(),
				s.videoCodec(), s.averageAudioDegradation(), millis(s.averageAudioNetworkJitter()),
				s.averageBandwidthEstimate(), millis(s.averageFreezeDuration()), millis(s.averageJitter()),
				s.averagePacketLossRate(), s.averageRatioOfConcealedSamples(), s.averageReceivedFrameRate(),
				millis(s.averageRoundTripTime()), s.averageVideoFrameLossPercentage(), s.averageVideoFrameRate(),
				s.averageVideoPacketLossRate(), s.isAudioForwardErrorCorrectionUsed(), s.lowFrameRateRatio(),
				s.lowVideoProcessingCapabilityRatio(), millis(s.maxAudioNetworkJitter()), millis(s.maxJitter()),
				s.maxPacketLossRate(), s.maxRatioOfConcealedSamples(), millis(s.maxRoundTripTime()),
				s.packetUtilization(), s.postForwardErrorCorrectionPacketLossRate(), millis(s.rmsFreezeDuration()),
				s.wasMediaBypassed(), this.classifier.classify(label, s));
	}

	private static @Nullable NetworkInfo network(@Nullable GraphNetworkInfo n) {
		if (n == null) {
			return null;
		}
		return new NetworkInfo(n.connectionType(), n.ipAddress(), n.subnet(), n.reflexiveIPAddress(),
				n.relayIPAddress(), n.relayPort(), n.port(), n.macAddress(), n.dnsSuffix(),
				n.basicServiceSetIdentifier(), n.linkSpeed(), n.networkTransportProtocol(), n.bandwidthLowEventRatio(),
				n.delayEventRatio(), n.receivedQualityEventRatio(), n.sentQualityEventRatio(), n.wifiBand(),
				n.wifiBatteryCharge(), n.wifiChannel(), n.wifiMicrosoftDriver(), n.wifiMicrosoftDriverVersion(),
				n.wifiRadioType(), n.wifiSignalStrength(), n.wifiVendorDriver(), n.wifiVendorDriverVersion(),
				list(n.traceRouteHops(), (hop) -> new NetworkInfo.TraceRouteHop(hop.hopCount(), hop.ipAddress(),
						millis(hop.roundTripTime()))));
	}

	private static @Nullable DeviceInfo device(@Nullable GraphDeviceInfo d) {
		if (d == null) {
			return null;
		}
		return new DeviceInfo(d.captureDeviceDriver(), d.captureDeviceName(), d.renderDeviceDriver(),
				d.renderDeviceName(), d.captureNotFunctioningEventRatio(), d.cpuInsufficentEventRatio(),
				d.deviceClippingEventRatio(), d.deviceGlitchEventRatio(), d.howlingEventCount(),
				d.initialSignalLevelRootMeanSquare(), d.lowSpeechLevelEventRatio(), d.lowSpeechToNoiseEventRatio(),
				d.micGlitchRate(), d.receivedNoiseLevel(), d.receivedSignalLevel(), d.renderMuteEventRatio(),
				d.renderNotFunctioningEventRatio(), d.renderZeroVolumeEventRatio(), d.sentNoiseLevel(),
				d.sentSignalLevel(), d.speakerGlitchRate());
	}

	private static @Nullable Double millis(@Nullable Duration duration) {
		return GraphDurations.millis(duration);
	}

	private static @Nullable Double durationSeconds(@Nullable OffsetDateTime start, @Nullable OffsetDateTime end) {
		if (start == null || end == null) {
			return null;
		}
		Duration duration = Duration.between(start, end);
		return BigDecimal.valueOf(duration.getSeconds())
			.add(BigDecimal.valueOf(duration.getNano()).movePointLeft(9))
			.doubleValue();
	}

	private static <T> @Nullable List<T> present(@Nullable List<@Nullable T> values) {
		return list(values, Function.identity());
	}

	/**
	 * Maps each element of a list Graph sent, leaving out the elements that were not
	 * readable.
	 */
	private static <S, T> @Nullable List<T> list(@Nullable List<@Nullable S> values, Function<S, @Nullable T> mapper) {
		if (values == null) {
			return null;
		}
		List<T> result = new ArrayList<>(values.size());
		for (S value : values) {
			T mapped = (value != null) ? mapper.apply(value) : null;
			if (mapped != null) {
				result.add(mapped);
			}
		}
		return result;
	}

}
