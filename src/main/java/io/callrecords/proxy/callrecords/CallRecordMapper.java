package io.callrecords.proxy.callrecords;

import static io.callrecords.proxy.callrecords.GraphJson.bool;
import static io.callrecords.proxy.callrecords.GraphJson.dateTime;
import static io.callrecords.proxy.callrecords.GraphJson.decimal;
import static io.callrecords.proxy.callrecords.GraphJson.int32;
import static io.callrecords.proxy.callrecords.GraphJson.integer;
import static io.callrecords.proxy.callrecords.GraphJson.list;
import static io.callrecords.proxy.callrecords.GraphJson.millis;
import static io.callrecords.proxy.callrecords.GraphJson.object;
import static io.callrecords.proxy.callrecords.GraphJson.text;
import static io.callrecords.proxy.callrecords.GraphJson.texts;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.callrecords.proxy.callrecords.SessionEndpoint.Feedback;
import io.callrecords.proxy.callrecords.SessionEndpoint.UserAgent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Flattens Graph's call record JSON into the API's DTOs. A pure function: no I/O, and
 * tolerant of anything Graph may add or leave out (unknown properties are ignored,
 * unknown enum values pass through as strings, unknown identity slots become
 * {@link PartyKind#UNKNOWN}).
 */
final class CallRecordMapper {

	private static final Pattern GUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

	/** Keys of an identity set that are not identity slots. */
	private static final List<String> NON_SLOTS = List.of("endpointType");

	private final @Nullable String homeTenantId;

	/**
	 * Creates a mapper for a home tenant.
	 * @param homeTenantId the service's tenant; parties of other tenants are external.
	 * When it is not a GUID (a domain name was configured), {@code external} is only
	 * known for guests and phone numbers.
	 */
	CallRecordMapper(String homeTenantId) {
		this.homeTenantId = GUID.matcher(homeTenantId).matches() ? homeTenantId : null;
	}

	CallRecordResponse callRecord(JsonNode record) {
		OffsetDateTime start = dateTime(record, "startDateTime");
		OffsetDateTime end = dateTime(record, "endDateTime");
		return new CallRecordResponse(String.valueOf(text(record, "id")), integer(record, "version"),
				text(record, "type"), texts(record, "modalities"), start, end, durationSeconds(start, end),
				dateTime(record, "lastModifiedDateTime"), text(record, "joinWebUrl"), organizer(record),
				participants(record), list(record, "sessions", this::session), null, null);
	}

	private @Nullable Party organizer(JsonNode record) {
		JsonNode organizer = object(record, "organizer_v2");
		if (organizer != null) {
			return participant(organizer);
		}
		JsonNode legacy = object(record, "organizer");
		return (legacy != null) ? identitySet(legacy, null) : null;
	}

	private @Nullable List<Party> participants(JsonNode record) {
		List<Party> participants = list(record, "participants_v2", this::participant);
		if (participants != null && !participants.isEmpty()) {
			return participants;
		}
		// records from before participants_v2 carry only the deprecated identity sets
		List<Party> legacy = list(record, "participants", (identitySet) -> identitySet(identitySet, null));
		return (legacy != null) ? legacy : participants;
	}

	/**
	 * Maps a Graph {@code participant} or {@code organizer} entity: an id and an identity
	 * set.
	 */
	@Nullable Party participant(JsonNode participant) {
		if (!participant.isObject()) {
			return null;
		}
		JsonNode identity = object(participant, "identity");
		String id = text(participant, "id");
		if (identity == null) {
			return new Party(id, null, null, null, PartyKind.UNKNOWN, null);
		}
		return identitySet(identity, id);
	}

	private @Nullable Party identitySet(JsonNode identitySet, @Nullable String participantId) {
		if (!identitySet.isObject()) {
			return null;
		}
		for (PartyKind kind : PartyKind.values()) {
			JsonNode slot = (kind != PartyKind.UNKNOWN) ? object(identitySet, kind.slot()) : null;
			if (slot != null) {
				return party(kind, slot, participantId);
			}
		}
		for (Map.Entry<String, JsonNode> entry : identitySet.properties()) {
			if (entry.getValue().isObject() && !entry.getKey().startsWith("@") && !NON_SLOTS.contains(entry.getKey())) {
				return party(PartyKind.UNKNOWN, entry.getValue(), participantId);
			}
		}
		return (participantId != null) ? new Party(participantId, null, null, null, PartyKind.UNKNOWN, null) : null;
	}

	private Party party(PartyKind kind, JsonNode identity, @Nullable String participantId) {
		String tenantId = text(identity, "tenantId");
		String id = (participantId != null) ? participantId : text(identity, "id");
		return new Party(id, text(identity, "displayName"), tenantId, text(identity, "userPrincipalName"), kind,
				external(kind, tenantId));
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

	Session session(JsonNode session) {
		return new Session(text(session, "id"), texts(session, "modalities"), dateTime(session, "startDateTime"),
				dateTime(session, "endDateTime"), bool(session, "isTest"), endpoint(object(session, "caller")),
				endpoint(object(session, "callee")), failureInfo(object(session, "failureInfo")),
				list(session, "segments", this::segment));
	}

	private Segment segment(JsonNode segment) {
		return new Segment(text(segment, "id"), dateTime(segment, "startDateTime"), dateTime(segment, "endDateTime"),
				endpoint(object(segment, "caller")), endpoint(object(segment, "callee")),
				failureInfo(object(segment, "failureInfo")), list(segment, "media", this::media));
	}

	private @Nullable SessionEndpoint endpoint(@Nullable JsonNode endpoint) {
		if (endpoint == null) {
			return null;
		}
		Party party = endpointParty(endpoint);
		String type = lowerTypeName(text(endpoint, "@odata.type"));
		String endpointType = switch (type) {
			case "participantendpoint" -> "participant";
			case "serviceendpoint" -> "service";
			default -> (party != null) ? "participant" : "unknown";
		};
		return new SessionEndpoint(endpointType, party, text(endpoint, "name"),
				userAgent(object(endpoint, "userAgent")), feedback(object(endpoint, "feedback")),
				text(endpoint, "cpuName"), int32(endpoint, "cpuCoresCount"), int32(endpoint, "cpuProcessorSpeedInMhz"));
	}

	/**
	 * The party at an endpoint: {@code associatedIdentity}, or the deprecated identity
	 * set {@code identity} when Graph sends no associated identity.
	 */
	private @Nullable Party endpointParty(JsonNode endpoint) {
		JsonNode associated = object(endpoint, "associatedIdentity");
		if (associated != null) {
			PartyKind kind = identityKind(associated);
			return party(kind, associated, null);
		}
		JsonNode identity = object(endpoint, "identity");
		return (identity != null) ? identitySet(identity, null) : null;
	}

	/**
	 * The kind of a single {@code graph.identity}: from its {@code @odata.type} when
	 * Graph sends one, else a user when it has a user principal name, a phone when its id
	 * is an E.164 number, else unknown.
	 */
	private static PartyKind identityKind(JsonNode identity) {
		String type = lowerTypeName(text(identity, "@odata.type"));
		PartyKind kind = switch (type) {
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
		if (text(identity, "userPrincipalName") != null) {
			return PartyKind.USER;
		}
		String id = text(identity, "id");
		return (id != null && E164.matcher(id).matches()) ? PartyKind.PHONE : PartyKind.UNKNOWN;
	}

	private static String lowerTypeName(@Nullable String odataType) {
		if (odataType == null) {
			return "";
		}
		return odataType.substring(odataType.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
	}

	private static @Nullable UserAgent userAgent(@Nullable JsonNode agent) {
		if (agent == null) {
			return null;
		}
		return new UserAgent(text(agent, "platform"), text(agent, "productFamily"), text(agent, "applicationVersion"),
				text(agent, "headerValue"), text(agent, "role"), text(agent, "azureADAppId"),
				text(agent, "communicationServiceId"));
	}

	private static @Nullable Feedback feedback(@Nullable JsonNode feedback) {
		if (feedback == null) {
			return null;
		}
		JsonNode tokens = object(feedback, "tokens");
		Map<String, Boolean> ticked = null;
		if (tokens != null) {
			ticked = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> token : tokens.properties()) {
				if (token.getValue().isBoolean() && !token.getKey().startsWith("@")) {
					ticked.put(token.getKey(), token.getValue().booleanValue());
				}
			}
		}
		return new Feedback(text(feedback, "rating"), text(feedback, "text"), ticked);
	}

	private static @Nullable FailureInfo failureInfo(@Nullable JsonNode failure) {
		return (failure != null) ? new FailureInfo(text(failure, "reason"), text(failure, "stage")) : null;
	}

	private Media media(JsonNode media) {
		return new Media(text(media, "label"), network(object(media, "callerNetwork")),
				network(object(media, "calleeNetwork")), device(object(media, "callerDevice")),
				device(object(media, "calleeDevice")), list(media, "streams", CallRecordMapper::stream));
	}

	private static MediaStream stream(JsonNode s) {
		return new MediaStream(text(s, "streamId"), text(s, "streamDirection"), dateTime(s, "startDateTime"),
				dateTime(s, "endDateTime"), text(s, "audioCodec"), text(s, "videoCodec"),
				decimal(s, "averageAudioDegradation"), millis(s, "averageAudioNetworkJitter"),
				integer(s, "averageBandwidthEstimate"), millis(s, "averageFreezeDuration"), millis(s, "averageJitter"),
				decimal(s, "averagePacketLossRate"), decimal(s, "averageRatioOfConcealedSamples"),
				decimal(s, "averageReceivedFrameRate"), millis(s, "averageRoundTripTime"),
				decimal(s, "averageVideoFrameLossPercentage"), decimal(s, "averageVideoFrameRate"),
				decimal(s, "averageVideoPacketLossRate"), bool(s, "isAudioForwardErrorCorrectionUsed"),
				decimal(s, "lowFrameRateRatio"), decimal(s, "lowVideoProcessingCapabilityRatio"),
				millis(s, "maxAudioNetworkJitter"), millis(s, "maxJitter"), decimal(s, "maxPacketLossRate"),
				decimal(s, "maxRatioOfConcealedSamples"), millis(s, "maxRoundTripTime"),
				integer(s, "packetUtilization"), decimal(s, "postForwardErrorCorrectionPacketLossRate"),
				millis(s, "rmsFreezeDuration"), bool(s, "wasMediaBypassed"));
	}

	private static @Nullable NetworkInfo network(@Nullable JsonNode n) {
		if (n == null) {
			return null;
		}
		return new NetworkInfo(text(n, "connectionType"), text(n, "ipAddress"), text(n, "subnet"),
				text(n, "reflexiveIPAddress"), text(n, "relayIPAddress"), int32(n, "relayPort"), int32(n, "port"),
				text(n, "macAddress"), text(n, "dnsSuffix"), text(n, "basicServiceSetIdentifier"),
				integer(n, "linkSpeed"), text(n, "networkTransportProtocol"), decimal(n, "bandwidthLowEventRatio"),
				decimal(n, "delayEventRatio"), decimal(n, "receivedQualityEventRatio"),
				decimal(n, "sentQualityEventRatio"), text(n, "wifiBand"), int32(n, "wifiBatteryCharge"),
				int32(n, "wifiChannel"), text(n, "wifiMicrosoftDriver"), text(n, "wifiMicrosoftDriverVersion"),
				text(n, "wifiRadioType"), int32(n, "wifiSignalStrength"), text(n, "wifiVendorDriver"),
				text(n, "wifiVendorDriverVersion"),
				list(n, "traceRouteHops", (hop) -> new NetworkInfo.TraceRouteHop(int32(hop, "hopCount"),
						text(hop, "ipAddress"), millis(hop, "roundTripTime"))));
	}

	private static @Nullable DeviceInfo device(@Nullable JsonNode d) {
		if (d == null) {
			return null;
		}
		return new DeviceInfo(text(d, "captureDeviceDriver"), text(d, "captureDeviceName"),
				text(d, "renderDeviceDriver"), text(d, "renderDeviceName"),
				decimal(d, "captureNotFunctioningEventRatio"), decimal(d, "cpuInsufficentEventRatio"),
				decimal(d, "deviceClippingEventRatio"), decimal(d, "deviceGlitchEventRatio"),
				int32(d, "howlingEventCount"), decimal(d, "initialSignalLevelRootMeanSquare"),
				decimal(d, "lowSpeechLevelEventRatio"), decimal(d, "lowSpeechToNoiseEventRatio"),
				decimal(d, "micGlitchRate"), int32(d, "receivedNoiseLevel"), int32(d, "receivedSignalLevel"),
				decimal(d, "renderMuteEventRatio"), decimal(d, "renderNotFunctioningEventRatio"),
				decimal(d, "renderZeroVolumeEventRatio"), int32(d, "sentNoiseLevel"), int32(d, "sentSignalLevel"),
				decimal(d, "speakerGlitchRate"));
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

}
