#include "core/store/locations.h"

#include <filesystem>
#include <vector>

namespace ms::store {
namespace fs = std::filesystem;

namespace {

constexpr int kMaxLevelsUp = 2;

// A relative path part is a path only when it looks like one: a known dataset name has no '/' and no extension.
bool looks_like_path(const std::string& part) {
  if (part.empty()) return false;
  if (part.find('/') != std::string::npos) return true;
  return fs::path(part).has_extension();
}

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

std::string with_path(const LocationParts& parts, const fs::path& path) { return path.string() + parts.tail; }

}  // namespace

LocationParts split_location(const std::string& location) {
  const size_t slash = location.rfind('/');
  const size_t from = slash == std::string::npos ? 0 : slash + 1;
  const size_t cut = location.find_first_of("+[@:", from);
  LocationParts parts;
  parts.path = location.substr(0, cut);
  parts.tail = cut == std::string::npos ? std::string() : location.substr(cut);
  if (!looks_like_path(parts.path)) return {std::string(), location};
  return parts;
}

std::string absolute_location(const std::string& location, const std::string& base) {
  const LocationParts parts = split_location(location);
  if (parts.path.empty() || fs::path(parts.path).is_absolute()) return location;
  return with_path(parts, (fs::path(base) / parts.path).lexically_normal());
}

std::string relative_location(const std::string& location, const std::string& base) {
  const LocationParts parts = split_location(location);
  if (parts.path.empty() || !fs::path(parts.path).is_absolute() || base.empty()) return location;
  const fs::path relative = fs::path(parts.path).lexically_normal().lexically_relative(fs::path(base).lexically_normal());
  // Far from the project (more than two levels up) stays absolute: such a path does not move with the project.
  int up = 0;
  for (const fs::path& part : relative) up += part == "..";
  if (relative.empty() || up > kMaxLevelsUp) return location;
  return with_path(parts, relative);
}

std::string relocate(const std::string& location, const Relocations& relocations) {
  const LocationParts parts = split_location(location);
  if (parts.path.empty()) return location;
  const fs::path path = fs::path(parts.path).lexically_normal();
  const std::pair<const std::string, std::string>* best = nullptr;
  for (const auto& mapping : relocations) {
    const fs::path inside = path.lexically_relative(fs::path(mapping.first).lexically_normal());
    if (inside.empty() || *inside.begin() == "..") continue;
    if (!best || mapping.first.size() > best->first.size()) best = &mapping;
  }
  if (!best) return location;
  const fs::path inside = path.lexically_relative(fs::path(best->first).lexically_normal());
  return with_path(parts, (fs::path(best->second) / inside).lexically_normal());
}

Result<std::string> resolve_location(const StoredLocation& stored, const std::string& project_dir,
                                     const Relocations& relocations) {
  std::vector<std::string> candidates;
  if (!stored.relative.empty()) candidates.push_back(absolute_location(stored.relative, project_dir));
  if (!stored.absolute.empty()) candidates.push_back(stored.absolute);
  const size_t direct = candidates.size();
  for (size_t i = 0; i < direct; ++i) candidates.push_back(relocate(candidates[i], relocations));
  if (candidates.empty()) return make_error("no location stored");
  std::string looked;
  for (const std::string& candidate : candidates) {
    const LocationParts parts = split_location(candidate);
    if (parts.path.empty() || exists(parts.path)) return candidate;
    if (looked.find(parts.path) == std::string::npos) looked += (looked.empty() ? "" : ", ") + parts.path;
  }
  const std::string name = stored.absolute.empty() ? stored.relative : stored.absolute;
  return make_error(name + ": no such file or folder (looked at " + looked + ")");
}

std::pair<std::string, std::string> relocation_for(const std::string& missing, const std::string& new_folder) {
  const fs::path old_folder = fs::path(missing).lexically_normal().parent_path();
  fs::path folder = fs::path(new_folder).lexically_normal();
  if (folder.filename().empty() && folder.has_parent_path() && folder != folder.root_path()) folder = folder.parent_path();  // "a/b/" -> "a/b"
  return {old_folder.string(), folder.string()};
}

}  // namespace ms::store
