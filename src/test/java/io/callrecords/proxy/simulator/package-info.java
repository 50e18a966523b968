/**
 * The Graph simulator: Entra ID's token endpoint and Microsoft Graph's call-records
 * endpoints, built on WireMock, shared by the integration tests and the local run.
 */
@NullMarked
package io.callrecords.proxy.simulator;

import org.jspecify.annotations.NullMarked;
