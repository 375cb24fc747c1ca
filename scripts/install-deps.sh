#!/usr/bin/env bash
# Installs the Debian (bookworm) packages measureflow needs to build, test and benchmark,
# gnuplot (no X) for `measureflow plot`, and what the view scripts' image test needs: Debian's
# VTK for Python, numpy and pyflakes, and a virtual X server with Mesa's software OpenGL
# (xvfb-run); and OpenMPI for sweeps across ranks (mpirun).
# Idempotent and non-interactive: packages already present are skipped, so a second run
# costs a few seconds. Run as root (or with sudo available).
set -euo pipefail

packages=(
  cmake g++ ninja-build pkg-config
  libeigen3-dev libfftw3-dev libboost-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev libtomlplusplus-dev libmuparser-dev
  libvtk9-dev
  gnuplot-nox
  python3-vtk9 python3-numpy python3-pyflakes
  xvfb xauth libgl1-mesa-dri
  libopenmpi-dev openmpi-bin
  libsvm-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
