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

}  // namespace

Result<store::CheckpointEntry> describe_checkpoint(const std::string& path) {
  store::CheckpointEntry entry;
  entry.path = fs::absolute(path).string();
  entry.id = fs::path(path).stem().string();
  entry.architecture = "unknown";
  auto hash = file_sha256(path);
  if (!hash) return make_error(hash.error());
  entry.sha256 = *hash;

  const fs::path sidecar = fs::path(path).replace_extension(".json");
  if (!fs::exists(sidecar)) return entry;
  std::ifstream in(sidecar);
  nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return make_error(sidecar.string() + ": not a JSON object");
  if (json.contains("architecture")) entry.architecture = as_text(json["architecture"]);
  if (json.contains("hyper_parameters") && json["hyper_parameters"].is_object())
    for (const auto& [key, value] : json["hyper_parameters"].items()) entry.hyper_parameters[key] = as_text(value);
  for (const char* key : {"lr", "learning_rate", "weight_decay", "seed", "optimizer", "epochs", "batch_size",
                          "train_accuracy", "test_accuracy", "final_train_loss"})
    if (json.contains(key)) entry.hyper_parameters[key] = as_text(json[key]);
  return entry;
}

Result<std::optional<model::Normalization>> sidecar_normalization(const std::string& path) {
  const fs::path sidecar = fs::path(path).replace_extension(".json");
  if (!fs::exists(sidecar)) return std::optional<model::Normalization>{};
  std::ifstream in(sidecar);
  nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return make_error(sidecar.string() + ": not a JSON object");
  if (!json.contains("normalization")) return std::optional<model::Normalization>{};
  const auto& spec = json["normalization"];
  model::Normalization normalization;
  try {
    if (spec.contains("scale")) normalization.scale = spec["scale"].get<float>();
    if (spec.contains("mean")) normalization.mean = spec["mean"].get<std::vector<float>>();
    if (spec.contains("std")) normalization.std = spec["std"].get<std::vector<float>>();
  } catch (const nlohmann::json::exception& e) {
    return make_error(sidecar.string() + ": bad \"normalization\" (" + e.what() + ")");
  }
  return std::optional<model::Normalization>(normalization);
}

}  // namespace ms::pipeline
