package io.callrecords.proxy.web;

import java.time.Duration;
import java.util.List;

import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code code}, the request's
 * {@code clientRequestId} and, when Graph answered, Graph's {@code upstreamRequestId}.
 * Never exposes Graph's body, a stack trace or a class name.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAdvice.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> featureProblem(ProblemException ex) {
		ProblemDetail problem = Problems.problem(ex.code(), String.valueOf(ex.getMessage()));
		ex.properties().forEach(problem::setProperty);
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> graphFailure(GraphException ex) {
		ProblemCode code = code(ex.failure());
		if (code.status().is5xxServerError()) {
			logger.warn("Graph call failed: {} (Graph request-id {})", ex.getMessage(), ex.upstreamRequestId());
		}
		ProblemDetail problem = Problems.problem(code, detail(ex.failure()));
		if (ex.upstreamRequestId() != null) {
			problem.setProperty("upstreamRequestId", ex.upstreamRequestId());
			ApiCall.current().upstreamRequestId(ex.upstreamRequestId());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
		Duration retryAfter = ex.retryAfter();
		if (retryAfter != null && retryLater(ex.failure())) {
			response.header(HttpHeaders.RETRY_AFTER, Problems.retryAfter(retryAfter));
		}
		return response.body(problem);
	}

	@ExceptionHandler
	@Nullable ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			return clientGone(ex);
		}
		logger.error("Unexpected failure", ex);
		ProblemDetail problem = Problems.problem(ProblemCode.INTERNAL_ERROR,
				"An unexpected error occurred. Quote the clientRequestId when reporting it.");
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ProblemCode code = switch (statusCode.value()) {
			case 404 -> ProblemCode.NOT_FOUND;
			case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
			case 406 -> ProblemCode.NOT_ACCEPTABLE;
			default -> statusCode.is4xxClientError() ? ProblemCode.INVALID_REQUEST : ProblemCode.INTERNAL_ERROR;
		};
		if (code == ProblemCode.INTERNAL_ERROR) {
			if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
				return clientGone(ex);
			}
			logger.error("Request failed", ex);
		}
		ProblemDetail problem = Problems
			.decorate((body instanceof ProblemDetail detail) ? detail : ProblemDetail.forStatus(statusCode), code);
		if (ex instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
			String message = mismatch.getPropertyName() + " has a value of the wrong type or format.";
			problem.setDetail(message);
			problem.setProperty("errors", List.of(new InvalidParameter(mismatch.getPropertyName(), message)));
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	/**
	 * The caller went away while its answer was written (it closed the connection, for
	 * example on its own timeout): not the service's failure and nothing to answer, so
	 * one line at debug level instead of an error with a stack trace.
	 */
	private static <T> @Nullable ResponseEntity<T> clientGone(Exception ex) {
		logger.debug("The caller closed the connection before its answer was written: {}", ex.toString());
		return null;
	}

	/**
	 * Whether trying again later can succeed, so that a wait is worth passing on: not for
	 * the service's credentials or permissions, a missing record or an expired cursor.
	 */
	private static boolean retryLater(GraphFailure failure) {
		return switch (failure) {
			case AUTH_FAILED, FORBIDDEN, NOT_FOUND, LINK_EXPIRED -> false;
			default -> true;
		};
	}

	private static ProblemCode code(GraphFailure failure) {
		return switch (failure) {
			case NOT_FOUND -> ProblemCode.CALL_RECORD_NOT_FOUND;
			case AUTH_FAILED -> ProblemCode.UPSTREAM_AUTH_FAILED;
			case FORBIDDEN -> ProblemCode.UPSTREAM_FORBIDDEN;
			case THROTTLED -> ProblemCode.UPSTREAM_THROTTLED;
			case OVER_FAIR_SHARE -> ProblemCode.QUOTA_EXCEEDED;
			case UNAVAILABLE -> ProblemCode.UPSTREAM_UNAVAILABLE;
			case TIMEOUT -> ProblemCode.UPSTREAM_TIMEOUT;
			case BAD_RESPONSE -> ProblemCode.UPSTREAM_BAD_RESPONSE;
			case RESPONSE_TOO_LARGE -> ProblemCode.UPSTREAM_RESPONSE_TOO_LARGE;
			case LINK_EXPIRED -> ProblemCode.CURSOR_EXPIRED;
			case UNEXPECTED_STATUS -> ProblemCode.UPSTREAM_ERROR;
		};
	}

	private static String detail(GraphFailure failure) {
		return switch (failure) {
			case NOT_FOUND -> "Microsoft Graph has no call record with this id. Call records appear up to about "
					+ "150 minutes after a call ends and are kept for 30 days: if the call ended recently, try again later.";
			case AUTH_FAILED -> "Microsoft Entra ID or Microsoft Graph refused the service's credentials. "
					+ "An operator must check AZURE_TENANT_ID, AZURE_CLIENT_ID and the client secret.";
			case FORBIDDEN -> "Microsoft Graph denied access: the service's app registration lacks the "
					+ "CallRecords.Read.All application permission or its admin consent. An administrator must grant it.";
			case THROTTLED -> "Microsoft Graph is throttling call record requests. Retry after the Retry-After delay.";
			case OVER_FAIR_SHARE -> "This app used more than its fair share of Microsoft Graph's budget while other "
					+ "apps are waiting for it. Retry after the Retry-After delay.";
			case UNAVAILABLE -> "Microsoft Graph is unavailable. Retry later.";
			case TIMEOUT -> "Microsoft Graph did not answer in time. Retry later.";
			case BAD_RESPONSE -> "Microsoft Graph sent a response the service could not read.";
			case RESPONSE_TOO_LARGE -> "Microsoft Graph's response is larger than the service accepts "
					+ "(GRAPH_MAX_RESPONSE_SIZE). Ask for less: fewer include values, or page through "
					+ "/sessions and /participants with a smaller pageSize.";
			case LINK_EXPIRED -> "Microsoft Graph no longer accepts the page this cursor points to. "
					+ "Restart the query without a cursor.";
			case UNEXPECTED_STATUS -> "Microsoft Graph rejected the request the service made.";
		};
	}

}
