// What the project records about a checkpoint file: its content hash, and the architecture and hyper-parameters
// from the JSON sidecar the zoo (or a user) writes next to it (`model.pt` -> `model.json`).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/model/batch_options.h"
#include "core/store/project.h"

namespace ms::pipeline {

// Hex SHA-256 of a file's bytes.
Result<std::string> file_sha256(const std::string& path);

// A checkpoint's description, from the JSON sidecar next to it (`model.pt` -> `model.json`), written by the zoo,
// by packaging/export_model.py or by hand. Every field is optional:
//   {"architecture": "resnet18",
//    "input_shape": [3, 32, 32],                      one input item, CxHxW (or D)
//    "normalization": {"scale": 0.00392156, "mean": [0.49, 0.48, 0.45], "std": [0.25, 0.24, 0.26]},
//                                                     x' = (x * scale - mean[c]) / std[c], on the dataset's values
//    "class_names": ["airplane", …],
//    "hyper_parameters": {"lr": 0.1, …}               (or lr / weight_decay / seed / optimizer / epochs / batch_size
//                                                      and train/test accuracy at the top level)
//   }
// The command-line flags (--input-shape) override it.
struct Sidecar {
  std::string file;                     // the sidecar read, "" when the checkpoint has none
  std::string architecture;             // "" when not declared
  std::vector<int64_t> input_shape;     // empty when not declared
  std::optional<model::Normalization> normalization;
  std::vector<std::string> class_names;
  std::map<std::string, std::string> hyper_parameters;  // as text
};

// The sidecar of `checkpoint_path`; an empty Sidecar when there is none. Errors name the sidecar and the field:
// not a JSON object, an input_shape that is not a list of positive integers, a malformed normalization.
Result<Sidecar> read_sidecar(const std::string& checkpoint_path);

// id: the file name without extension; architecture and hyper_parameters from the sidecar when present
// (keys "architecture", and "hyper_parameters" (object) or top-level lr / weight_decay / seed / optimizer / epochs,
// plus train/test accuracy), else architecture "unknown". A malformed sidecar is an error naming it.
Result<store::CheckpointEntry> describe_checkpoint(const std::string& path);

// The input normalisation the sidecar declares ("normalization": {"scale", "mean", "std"}), if any.
Result<std::optional<model::Normalization>> sidecar_normalization(const std::string& path);

}  // namespace ms::pipeline
