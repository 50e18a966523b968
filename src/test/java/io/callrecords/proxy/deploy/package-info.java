/**
 * Checks of the deployment artefacts: the Dockerfile and the rendered Helm chart.
 */
@NullMarked
package io.callrecords.proxy.deploy;

import org.jspecify.annotations.NullMarked;
