#!/usr/bin/env bash
# Fetches the models listed in models/manifest.tsv into models/cache/NAME.tflite (or into
# $JLITE_MODELS_DIR when set), checking each file's sha256.
#
#   models/fetch-models.sh                 # every model of the manifest
#   models/fetch-models.sh pose_landmark_lite hand_landmark_full
#
# A model already in the cache with the right sha256 is left alone, so a second run does nothing
# and prints nothing. Missing or different files are taken from `npm pack PACKAGE@VERSION` (one
# download per package), checked, and moved into the cache. Works from any directory. A path of
# the form FILE:START-END takes bytes [START, END) of FILE (models packed in an asset bundle).
set -euo pipefail

models_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
manifest="$models_dir/manifest.tsv"
cache="${JLITE_MODELS_DIR:-$models_dir/cache}"

die() {
  echo "fetch-models: $*" >&2
  exit 1
}

sha256() {
  if command -v sha256sum >/dev/null; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    die "need sha256sum or shasum"
  fi
}

[[ -f "$manifest" ]] || die "manifest not found: $manifest"

# Read the manifest: name <TAB> package@version <TAB> path in package <TAB> sha256.
declare -a names=() specs=() paths=() sums=()
while IFS=$'\t' read -r name spec path sum rest || [[ -n "${name:-}" ]]; do
  [[ -z "${name// /}" || "$name" == \#* ]] && continue
  [[ -n "$spec" && -n "$path" && -n "$sum" && -z "${rest:-}" ]] ||
    die "$manifest: malformed line for '$name' (expected 4 tab-separated columns)"
  names+=("$name")
  specs+=("$spec")
  paths+=("$path")
  sums+=("$sum")
done <"$manifest"

# Which entries to check: all, or the ones named on the command line.
declare -a wanted=()
if (($# == 0)); then
  wanted=("${!names[@]}")
else
  for arg in "$@"; do
    found=""
    for i in "${!names[@]}"; do
      if [[ "${names[$i]}" == "$arg" ]]; then
        found="$i"
      fi
    done
    [[ -n "$found" ]] || die "no model named '$arg' in $manifest (known: ${names[*]})"
    wanted+=("$found")
  done
fi

# Entries whose cached file is missing or differs.
declare -a stale=()
for i in "${wanted[@]}"; do
  file="$cache/${names[$i]}.tflite"
  if [[ ! -f "$file" || "$(sha256 "$file")" != "${sums[$i]}" ]]; then
    stale+=("$i")
  fi
done
((${#stale[@]} == 0)) && exit 0

command -v npm >/dev/null || die "npm is needed to fetch models (${#stale[@]} missing)"
mkdir -p "$cache"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

declare -A tarballs=()
for i in "${stale[@]}"; do
  spec="${specs[$i]}"
  if [[ -z "${tarballs[$spec]:-}" ]]; then
    dir="$work/pack${#tarballs[@]}"
    mkdir -p "$dir"
    echo "fetch-models: npm pack $spec" >&2
    (cd "$dir" && npm pack --silent "$spec" >/dev/null) || die "npm pack $spec failed"
    tgz=("$dir"/*.tgz)
    [[ -f "${tgz[0]}" ]] || die "npm pack $spec produced no tarball"
    tarballs[$spec]="${tgz[0]}"
  fi
  name="${names[$i]}"
  out="$work/extract-$name"
  mkdir -p "$out"
  # FILE:START-END names bytes [START, END) of FILE: a model inside an Emscripten asset bundle
  # (the offsets are those of the package's *_packed_assets_loader.js).
  file="${paths[$i]}"
  range=""
  if [[ "$file" =~ ^(.+):([0-9]+)-([0-9]+)$ ]]; then
    file="${BASH_REMATCH[1]}"
    range="${BASH_REMATCH[2]} ${BASH_REMATCH[3]}"
  fi
  tar -xzf "${tarballs[$spec]}" -C "$out" "package/$file" ||
    die "$spec has no file $file"
  extracted="$out/package/$file"
  if [[ -n "$range" ]]; then
    read -r start end <<<"$range"
    # Two steps, no pipe: head closing early would fail tail under pipefail.
    tail -c +$((start + 1)) "$extracted" >"$out/tail"
    head -c $((end - start)) "$out/tail" >"$out/$name.tflite"
    extracted="$out/$name.tflite"
  fi
  actual="$(sha256 "$extracted")"
  if [[ "$actual" != "${sums[$i]}" ]]; then
    die "sha256 mismatch for $name ($spec ${paths[$i]}): expected ${sums[$i]}, actual $actual"
  fi
  chmod 644 "$extracted"
  # Move within the cache directory last, so a reader never sees a partial file.
  mv -f "$extracted" "$cache/.$name.tflite.part"
  mv -f "$cache/.$name.tflite.part" "$cache/$name.tflite"
  echo "fetch-models: $name -> $cache/$name.tflite" >&2
done
