{{/*
Fails the install or rendering at once, naming every required value that is missing, instead of
starting pods that refuse to start (the service validates the same settings at start).
*/}}
{{- define "callrecords-proxy.validateValues" -}}
{{- $missing := list }}
{{- if not .Values.azure.tenantId }}
{{- $missing = append $missing "azure.tenantId (the Entra ID tenant of the app registration)" }}
{{- end }}
{{- if not .Values.azure.clientId }}
{{- $missing = append $missing "azure.clientId (the app registration's application id)" }}
{{- end }}
{{- if not (or .Values.azure.existingSecret .Values.azure.certificate.existingSecret .Values.azure.workloadIdentity.enabled) }}
{{- $missing = append $missing "a credential: azure.existingSecret (client secret), azure.certificate.existingSecret or azure.workloadIdentity.enabled=true" }}
{{- end }}
{{- if .Values.auth.enabled }}
{{- if not (or .Values.auth.issuerUri .Values.auth.jwkSetUri) }}
{{- $missing = append $missing "auth.issuerUri or auth.jwkSetUri (who issues callers' tokens)" }}
{{- end }}
{{- if not .Values.auth.audience }}
{{- $missing = append $missing "auth.audience (the aud callers' tokens carry)" }}
{{- end }}
{{- end }}
{{- if and (or .Values.redis.url .Values.redis.existingSecret) (not .Values.redis.cacheKey.existingSecret) }}
{{- $missing = append $missing "redis.cacheKey.existingSecret (the key that seals call records kept in Redis, at least 32 characters)" }}
{{- end }}
{{- if eq (int .Values.management.port) 8080 }}
{{- $missing = append $missing "management.port other than 8080, the API's port (the image's Spring AOT build serves the actuator on its own port)" }}
{{- end }}
{{- if $missing }}
{{- fail (printf "\n\ncallrecords-proxy needs these values:\n  - %s\n" (join "\n  - " $missing)) }}
{{- end }}
{{- end }}
