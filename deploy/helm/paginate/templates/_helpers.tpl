{{/* Chart name, overridable. */}}
{{- define "paginate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name prefix: <release>-<chart> unless the release name already holds the chart name. */}}
{{- define "paginate.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "paginate.gateway.fullname" -}}
{{- printf "%s-gateway" (include "paginate.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "paginate.configAdmin.fullname" -}}
{{- printf "%s-config-admin" (include "paginate.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "paginate.redis.fullname" -}}
{{- printf "%s-redis" (include "paginate.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "paginate.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "paginate.labels" -}}
helm.sh/chart: {{ include "paginate.chart" . }}
{{ include "paginate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: paginate
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "paginate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "paginate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Per-component labels; call with (dict "root" $ "component" "gateway"). */}}
{{- define "paginate.componentLabels" -}}
{{ include "paginate.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "paginate.componentSelectorLabels" -}}
{{ include "paginate.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "paginate.configMapName" -}}
{{- printf "%s-config" (include "paginate.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The Secret holding admin keys, SMTP credentials and the Redis connection string. */}}
{{- define "paginate.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- printf "%s-secrets" (include "paginate.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Image reference, by digest when one is given; call with (dict "root" $ "image" .Values.gateway.image). */}}
{{- define "paginate.image" -}}
{{- $tag := default .root.Chart.AppVersion .image.tag }}
{{- if .image.digest }}
{{- printf "%s:%s@%s" .image.repository $tag .image.digest }}
{{- else }}
{{- printf "%s:%s" .image.repository $tag }}
{{- end }}
{{- end }}

{{/* The ServiceAccount the pods run as. */}}
{{- define "paginate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "paginate.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The gateway's terminationGracePeriodSeconds: the preStop sleep, then Gateway__DrainSeconds for calls in
flight, then a margin to write queued call records. One sum, so the kubelet never kills a drain early.
*/}}
{{- define "paginate.gateway.terminationGracePeriodSeconds" -}}
{{- with .Values.gateway }}
{{- add (int .preStopSleepSeconds) (int .drainSeconds) (int .shutdownMarginSeconds) }}
{{- end }}
{{- end }}

{{/* Bundled Redis password: the value given, else the one already in the cluster, else a new one. */}}
{{- define "paginate.redis.password" -}}
{{- if .Values.redis.bundled.password }}
{{- .Values.redis.bundled.password }}
{{- else }}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (printf "%s-secrets" (include "paginate.fullname" .)) }}
{{- if and $existing (hasKey $existing.data "REDIS_PASSWORD") }}
{{- index $existing.data "REDIS_PASSWORD" | b64dec }}
{{- else }}
{{- randAlphaNum 32 }}
{{- end }}
{{- end }}
{{- end }}

{{/* The Redis connection string the apps get; call with (dict "root" $ "password" $pw) so a generated password is computed once. */}}
{{- define "paginate.redis.connectionString" -}}
{{- if .root.Values.redis.bundled.enabled }}
{{- printf "%s:%d,password=%s,abortConnect=false" (include "paginate.redis.fullname" .root) (int .root.Values.redis.bundled.port) .password }}
{{- else }}
{{- .root.Values.redis.connectionString }}
{{- end }}
{{- end }}

{{/* The base of runner_url: explicit value, else the first gateway ingress host. */}}
{{- define "paginate.publicGatewayUrl" -}}
{{- if .Values.configAdmin.publicGatewayUrl }}
{{- .Values.configAdmin.publicGatewayUrl }}
{{- else if and .Values.ingress.gateway.enabled .Values.ingress.gateway.hosts }}
{{- $scheme := ternary "https" "http" (gt (len .Values.ingress.gateway.tls) 0) }}
{{- printf "%s://%s" $scheme (first .Values.ingress.gateway.hosts).host }}
{{- end }}
{{- end }}

{{/* The base of management_url and analytics_url: explicit value, else the first admin ingress host. */}}
{{- define "paginate.publicAdminUrl" -}}
{{- if .Values.configAdmin.publicAdminUrl }}
{{- .Values.configAdmin.publicAdminUrl }}
{{- else if and .Values.ingress.admin.enabled .Values.ingress.admin.hosts }}
{{- $scheme := ternary "https" "http" (gt (len .Values.ingress.admin.tls) 0) }}
{{- printf "%s://%s" $scheme (first .Values.ingress.admin.hosts).host }}
{{- end }}
{{- end }}

{{/* The Prometheus selector for this release's gateway series (job = the gateway Service name). */}}
{{- define "paginate.metricsSelector" -}}
namespace="{{ .Release.Namespace }}",job="{{ include "paginate.gateway.fullname" . }}"
{{- end }}

{{/* Spread across nodes and zones unless the user gave constraints; call with (dict "root" $ "component" "gateway" "constraints" list). */}}
{{- define "paginate.topologySpread" -}}
{{- if .constraints }}
{{- toYaml .constraints }}
{{- else }}
- maxSkew: 1
  topologyKey: kubernetes.io/hostname
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "paginate.componentSelectorLabels" (dict "root" .root "component" .component) | nindent 6 }}
- maxSkew: 1
  topologyKey: topology.kubernetes.io/zone
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "paginate.componentSelectorLabels" (dict "root" .root "component" .component) | nindent 6 }}
{{- end }}
{{- end }}
