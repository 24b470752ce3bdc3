#!/bin/bash
# Installs the Debian 12 packages ManifoldScope needs to build, test and show its embedded default data.
# Idempotent: only missing packages are installed. Runs apt-get as root, through sudo otherwise.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-qpa-plugins libqt6opengl6-dev qt6-svg-dev libvtk9-dev
  libtorch-dev libhdf5-dev libeigen3-dev libopenblas-dev zlib1g-dev libstb-dev libssl-dev nlohmann-json3-dev
  # the Debian package: its man page from --help, its Depends (dpkg-shlibdeps), its metainfo checked
  help2man dpkg-dev appstream
  # `analyze --mpi` (optional at build time; libvtk9-dev already pulls OpenMPI in)
  libopenmpi-dev openmpi-bin
  # tests: GoogleTest, a virtual X display for the GUI tests, a font for text in screenshots (and Greek in PDFs),
  # poppler-utils to check exported PDFs as a reader's viewer sees them (pdfinfo, pdffonts, pdftotext, pdftoppm)
  libgtest-dev xvfb xauth libgl1-mesa-dri fonts-dejavu-core poppler-utils
  # tests: the fuzz targets (libFuzzer and the sanitizer runtimes come with clang)
  clang libclang-rt-14-dev
  # tests: real torchvision architectures exported from PyTorch at test time, compared with PyTorch's forward hooks
  python3-torch python3-torchvision
  # data: the embedded default (Fashion-MNIST) and the UCI digits used as a second real dataset
  dataset-fashion-mnist python3-sklearn
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages are present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  run_as_root=()
elif command -v sudo >/dev/null 2>&1; then
  run_as_root=(sudo)
else
  echo "install-deps: missing packages (${missing[*]}); run this script as root or install sudo" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get update -q
"${run_as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
