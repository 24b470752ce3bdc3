// What the project records about a checkpoint file: its content hash, and the architecture and hyper-parameters
// from the JSON sidecar the zoo (or a user) writes next to it (`model.pt` -> `model.json`).
#pragma once

#include <optional>
#include <string>

#include "core/common/result.h"
#include "core/model/batch_options.h"
#include "core/store/project.h"

namespace ms::pipeline {

// Hex SHA-256 of a file's bytes.
Result<std::string> file_sha256(const std::string& path);

// id: the file name without extension; architecture and hyper_parameters from the sidecar when present
// (keys "architecture", and "hyper_parameters" (object) or top-level lr / weight_decay / seed / optimizer / epochs,
// plus train/test accuracy), else architecture "unknown". A malformed sidecar is an error naming it.
Result<store::CheckpointEntry> describe_checkpoint(const std::string& path);

// The input normalisation the sidecar declares ("normalization": {"scale", "mean", "std"}), if any.
Result<std::optional<model::Normalization>> sidecar_normalization(const std::string& path);

}  // namespace ms::pipeline
