package io.callrecords.proxy.web;

/**
 * One rejected parameter, as listed in an {@code INVALID_REQUEST} problem's
 * {@code errors}.
 *
 * @param parameter the parameter's name
 * @param message why it was rejected, safe to show to a person
 */
public record InvalidParameter(String parameter, String message) {
}
