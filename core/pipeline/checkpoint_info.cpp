#include "core/pipeline/checkpoint_info.h"

#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

namespace ms::pipeline {
namespace fs = std::filesystem;

Result<std::string> file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path + ": cannot open");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr);
  std::vector<char> buffer(1 << 16);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
    EVP_DigestUpdate(context.get(), buffer.data(), static_cast<size_t>(in.gcount()));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(context.get(), digest, &length);
  static const char* hex = "0123456789abcdef";
  std::string text;
  for (unsigned int i = 0; i < length; ++i) text += {hex[digest[i] >> 4], hex[digest[i] & 15]};
  return text;
}

namespace {

std::string as_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

Status read_fields(const nlohmann::json& json, Sidecar& sidecar) {
  if (json.contains("architecture")) sidecar.architecture = as_text(json["architecture"]);
  if (json.contains("hyper_parameters") && json["hyper_parameters"].is_object())
    for (const auto& [key, value] : json["hyper_parameters"].items()) sidecar.hyper_parameters[key] = as_text(value);
  for (const char* key : {"lr", "learning_rate", "weight_decay", "seed", "optimizer", "epochs", "batch_size",
                          "train_accuracy", "test_accuracy", "final_train_loss"})
    if (json.contains(key)) sidecar.hyper_parameters[key] = as_text(json[key]);
  if (json.contains("input_shape")) {
    const auto& shape = json["input_shape"];
    if (!shape.is_array() || shape.empty()) return make_error("\"input_shape\" is not a list like [3, 32, 32]");
    for (const auto& extent : shape) {
      if (!extent.is_number_integer() || extent.get<int64_t>() <= 0)
        return make_error("\"input_shape\" holds " + extent.dump() + ", not a positive integer");
      sidecar.input_shape.push_back(extent.get<int64_t>());
    }
  }
  if (json.contains("class_names")) {
    if (!json["class_names"].is_array()) return make_error("\"class_names\" is not a list");
    for (const auto& name : json["class_names"]) sidecar.class_names.push_back(as_text(name));
  }
  if (json.contains("normalization")) {
    const auto& spec = json["normalization"];
    model::Normalization normalization;
    try {
      if (spec.contains("scale")) normalization.scale = spec["scale"].get<float>();
      if (spec.contains("mean")) normalization.mean = spec["mean"].get<std::vector<float>>();
      if (spec.contains("std")) normalization.std = spec["std"].get<std::vector<float>>();
    } catch (const nlohmann::json::exception& e) {
      return make_error(std::string("bad \"normalization\" (") + e.what() + ")");
    }
    sidecar.normalization = normalization;
  }
  return Ok{};
}

}  // namespace

Result<Sidecar> read_sidecar(const std::string& checkpoint_path) {
  Sidecar sidecar;
  const fs::path file = fs::path(checkpoint_path).replace_extension(".json");
  if (!fs::exists(file)) return sidecar;
  sidecar.file = file.string();
  std::ifstream in(file);
  nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return make_error(sidecar.file + ": not a JSON object");
  try {
    if (Status read = read_fields(json, sidecar); !read.ok()) return make_error(sidecar.file + ": " + read.error());
  } catch (const nlohmann::json::exception& e) {
    return make_error(sidecar.file + ": " + e.what());
  }
  return sidecar;
}

Result<store::CheckpointEntry> describe_checkpoint(const std::string& path) {
  store::CheckpointEntry entry;
  entry.path = fs::absolute(path).string();
  entry.id = fs::path(path).stem().string();
  auto hash = file_sha256(path);
  if (!hash) return make_error(hash.error());
  entry.sha256 = *hash;
  auto sidecar = read_sidecar(path);
  if (!sidecar) return make_error(sidecar.error());
  entry.architecture = sidecar->architecture.empty() ? "unknown" : sidecar->architecture;
  entry.hyper_parameters = sidecar->hyper_parameters;
  return entry;
}

Result<std::optional<model::Normalization>> sidecar_normalization(const std::string& path) {
  auto sidecar = read_sidecar(path);
  if (!sidecar) return make_error(sidecar.error());
  return sidecar->normalization;
}

}  // namespace ms::pipeline
