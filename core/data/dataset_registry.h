// Known datasets (shipped by Debian packages) and opening any dataset from a name or a path.
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/data/dataset.h"

namespace ms::data {

struct KnownDataset {
  std::string name;                 // "fashion-mnist"
  std::string description;          // one line
  std::string package;              // Debian package that ships it
  std::vector<std::string> splits;  // "train", "test", ...
  std::string location;             // folder or file it is read from
  bool available = false;           // the files are present on this machine
};

std::vector<KnownDataset> known_datasets();

// The embedded default: Fashion-MNIST's test split.
constexpr const char* kDefaultDataset = "fashion-mnist:test";

// Opens a dataset from
//   NAME[:SPLIT]            a known dataset (default split: the first listed)
//   FILE-idx3-ubyte[.gz]    an IDX images file; its labels file is found by the usual naming
//   FILE.bin                CIFAR-10 binary batch (CIFAR-100 when the name says so: train.bin/test.bin)
//   FOLDER                  one sub-folder of PNG/JPEG images per class, or a folder of CIFAR batches;
//                           ImageNet-C's DIR/fog/3 is such a folder (classes are its sub-folders' names)
//   FILE.h5|.hdf5[:VALUES[:LABELS]]  HDF5 arrays (default VALUES: "images" or "features"; LABELS: "labels")
//   FILE.npy[:SEVERITY]     a NumPy array with labels beside it (see npy_dataset.h); SEVERITY 1..5 reads that fifth
//                           of the rows, CIFAR-10-C's layout, e.g. "CIFAR-10-C/fog.npy:3"
//   ANY+CORRUPTION:SEVERITY a shifted copy (see corruptions.h), e.g. "fashion-mnist:test+fog:3"
//   ANY[C1,C2,…]            only those classes, relabelled 0.. in that order, e.g. "fashion-mnist:test[5,6,7,8,9]"
//   ANY@HxW                 images resized (bilinear, values to 0..255), e.g. "uci-digits@28x28"
Result<Dataset> open_dataset(const std::string& spec);

// The splits `spec` names: every split of a known dataset given without one, else just `spec` itself.
std::vector<std::string> expand_splits(const std::string& spec);

}  // namespace ms::data
