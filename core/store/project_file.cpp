#include "core/store/project_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/common/atomic_write.h"
#include "core/common/hdf5_lock.h"
#include "core/store/hdf5_helpers.h"
#include "core/store/locations.h"

namespace ms::store {
namespace fs = std::filesystem;
using namespace ms::store::h5;

namespace {

H5::Group child_group(H5::Group& parent, const std::string& id) {
  const std::string name = escape_name(id);
  return parent.nameExists(name) ? parent.openGroup(name) : parent.createGroup(name);
}

// Kept when already known: recomputing it from the absolute path of a moved project would point back to the old place.
std::string relative_or(const std::string& relative, const std::string& absolute, const std::string& folder) {
  if (!relative.empty() || absolute.empty()) return relative;
  return relative_location(absolute, folder);
}

void write_datasets(H5::Group root, const std::vector<DatasetEntry>& datasets, const std::string& folder) {
  for (const DatasetEntry& entry : datasets) {
    H5::Group group = child_group(root, entry.id);
    write_string_attr(group, "kind", entry.kind);
    write_string_attr(group, "source", entry.source);
    write_string_attr(group, "location", entry.location);
    write_string_attr(group, "relative_location", relative_or(entry.relative_location, entry.location, folder));
    write_string_attr(group, "shift", entry.shift);
    write_int_attr(group, "shift_severity", entry.shift_severity);
    write_int_attr(group, "n", static_cast<int64_t>(entry.labels.size()));
    write_strings_attr(group, "classes", entry.classes);
    write_int32s(group, "labels", entry.labels);
  }
}

void write_checkpoints(H5::Group root, const std::vector<CheckpointEntry>& checkpoints, const std::string& folder) {
  for (const CheckpointEntry& entry : checkpoints) {
    H5::Group group = child_group(root, entry.id);
    write_string_attr(group, "path", entry.path);
    write_string_attr(group, "relative_path", relative_or(entry.relative_path, entry.path, folder));
    write_string_attr(group, "sha256", entry.sha256);
    write_string_attr(group, "architecture", entry.architecture);
    write_strings_attr(group, "tags", entry.tags);
    H5::Group hyper = group.createGroup("hyper_parameters");
    for (const auto& [key, value] : entry.hyper_parameters) write_string_attr(hyper, key, value);
  }
}

void write_geometry(H5::Group root, const std::vector<GeometryEntry>& geometry) {
  for (const GeometryEntry& entry : geometry) {
    H5::Group checkpoint = child_group(root, entry.checkpoint);
    H5::Group dataset = child_group(checkpoint, entry.dataset);
    H5::Group layer = child_group(dataset, entry.layer);
    // Numeric attributes are markers, string attributes are the options used.
    for (const auto& [name, value] : entry.markers) write_double_attr(layer, name, value);
    for (const auto& [name, value] : entry.options) write_string_attr(layer, name, value);
    for (const auto& [name, matrix] : entry.arrays) write_matrix(layer, escape_name(name), matrix);
  }
}

void write_evaluations(H5::Group root, const std::vector<EvaluationEntry>& evaluations) {
  for (const EvaluationEntry& entry : evaluations) {
    H5::Group checkpoint = child_group(root, entry.checkpoint);
    H5::Group dataset = child_group(checkpoint, entry.dataset);
    for (const auto& [name, value] : entry.metrics) write_double_attr(dataset, name, value);
  }
}

void write_relocations(H5::Group group, const Relocations& relocations) {
  std::vector<std::string> from, to;
  for (const auto& [old_folder, new_folder] : relocations) {
    from.push_back(old_folder);
    to.push_back(new_folder);
  }
  write_strings_attr(group, "moved_from", from);
  write_strings_attr(group, "moved_to", to);
}

// The project as the bytes of an HDF5 file, built in memory (HDF5's core driver without a backing store): HDF5
// never writes to disk here, so a full disk or a file-size limit fails our own plain write of the bytes, with the
// error in hand, instead of leaving HDF5 holding a file it cannot flush (which HDF5 1.10 crashes on at exit).
std::vector<char> project_image(const Project& project, const std::string& folder) {
  H5::FileAccPropList access;
  access.setCore(1 << 20, false);
  H5::H5File file("project-in-memory.msproj", H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, access);
  {
    H5::Group root = file.openGroup("/");
    write_int_attr(root, "schema_version", kSchemaVersion);
    write_string_attr(root, "created_by", project.created_by);
    write_string_attr(root, "app_version", project.app_version);
    write_datasets(file.createGroup("datasets"), project.datasets, folder);
    write_checkpoints(file.createGroup("checkpoints"), project.checkpoints, folder);
    write_relocations(file.createGroup("locations"), project.relocations);
    write_geometry(file.createGroup("geometry"), project.geometry);
    write_evaluations(file.createGroup("evaluations"), project.evaluations);
    H5::Group views = file.createGroup("views");
    write_string_attr(views, "session", project.views_json);
  }
  file.flush(H5F_SCOPE_GLOBAL);
  const ssize_t size = H5Fget_file_image(file.getId(), nullptr, 0);
  if (size < 0) throw H5::FileIException("H5Fget_file_image", "could not size the project image");
  std::vector<char> image(static_cast<size_t>(size));
  if (H5Fget_file_image(file.getId(), image.data(), image.size()) != size)
    throw H5::FileIException("H5Fget_file_image", "could not copy the project image");
  return image;
}

void read_datasets(const H5::Group& root, Project& project) {
  for (const std::string& name : child_names(root)) {
    H5::Group group = root.openGroup(name);
    DatasetEntry entry;
    entry.id = unescape_name(name);
    entry.kind = read_string_attr(group, "kind");
    entry.source = read_string_attr(group, "source");
    // Projects saved before locations existed have neither attribute: their id is the spec.
    if (group.attrExists("location")) entry.location = read_string_attr(group, "location");
    if (group.attrExists("relative_location")) entry.relative_location = read_string_attr(group, "relative_location");
    entry.shift = read_string_attr(group, "shift");
    entry.shift_severity = static_cast<int>(read_int_attr(group, "shift_severity"));
    entry.classes = read_strings_attr(group, "classes");
    entry.labels = read_int32s(group, "labels");
    project.datasets.push_back(std::move(entry));
  }
}

void read_checkpoints(const H5::Group& root, Project& project) {
  for (const std::string& name : child_names(root)) {
    H5::Group group = root.openGroup(name);
    CheckpointEntry entry;
    entry.id = unescape_name(name);
    entry.path = read_string_attr(group, "path");
    if (group.attrExists("relative_path")) entry.relative_path = read_string_attr(group, "relative_path");
    entry.sha256 = read_string_attr(group, "sha256");
    entry.architecture = read_string_attr(group, "architecture");
    entry.tags = read_strings_attr(group, "tags");
    if (group.nameExists("hyper_parameters")) entry.hyper_parameters = read_string_attrs(group.openGroup("hyper_parameters"));
    project.checkpoints.push_back(std::move(entry));
  }
}

void read_geometry(const H5::Group& root, Project& project) {
  for (const std::string& checkpoint : child_names(root)) {
    H5::Group checkpoint_group = root.openGroup(checkpoint);
    for (const std::string& dataset : child_names(checkpoint_group)) {
      H5::Group dataset_group = checkpoint_group.openGroup(dataset);
      for (const std::string& layer : child_names(dataset_group)) {
        H5::Group group = dataset_group.openGroup(layer);
        GeometryEntry entry{unescape_name(checkpoint), unescape_name(dataset), unescape_name(layer), {}, {}, {}};
        entry.markers = read_double_attrs(group);
        entry.options = read_string_attrs(group);
        for (const std::string& array : child_names(group)) entry.arrays[unescape_name(array)] = read_matrix(group, array);
        project.geometry.push_back(std::move(entry));
      }
    }
  }
}

void read_evaluations(const H5::Group& root, Project& project) {
  for (const std::string& checkpoint : child_names(root)) {
    H5::Group checkpoint_group = root.openGroup(checkpoint);
    for (const std::string& dataset : child_names(checkpoint_group)) {
      EvaluationEntry entry{unescape_name(checkpoint), unescape_name(dataset), {}};
      entry.metrics = read_double_attrs(checkpoint_group.openGroup(dataset));
      project.evaluations.push_back(std::move(entry));
    }
  }
}

}  // namespace

Status write_project(const Project& project, const std::string& path) {
  const auto hdf5 = lock_hdf5();
  H5::Exception::dontPrint();
  const std::string folder = fs::absolute(path).parent_path().lexically_normal().string();
  std::vector<char> image;
  try {
    image = project_image(project, folder);
  } catch (const H5::Exception& e) {
    return make_error(path + ": could not save project: " + e.getDetailMsg());
  }
  return write_atomically(path, [&](const std::string& temporary) -> Status {
    std::ofstream out(temporary, std::ios::binary);
    out.write(image.data(), static_cast<std::streamsize>(image.size()));
    out.close();
    if (!out) return make_error(path + ": could not save project: " + std::strerror(errno));
    return Ok{};
  }, "could not save project");
}

Result<Project> read_project(const std::string& path) {
  const auto hdf5 = lock_hdf5();
  H5::Exception::dontPrint();
  std::error_code ec;
  if (!fs::exists(path, ec)) return make_error(path + ": no such project file");
  try {
    if (!H5::H5File::isHdf5(path)) return make_error(path + ": not a ManifoldScope project (not an HDF5 file)");
    H5::H5File file(path, H5F_ACC_RDONLY);
    H5::Group root = file.openGroup("/");
    if (!root.attrExists("schema_version"))
      return make_error(path + ": not a ManifoldScope project (no schema_version attribute)");
    const int64_t version = read_int_attr(root, "schema_version");
    if (version > kSchemaVersion)
      return make_error(path + ": written by a newer ManifoldScope (project schema " + std::to_string(version) +
                        "; this version reads up to " + std::to_string(kSchemaVersion) + "). Please upgrade.");
    Project project;
    project.created_by = read_string_attr(root, "created_by");
    project.app_version = read_string_attr(root, "app_version");
    if (file.nameExists("datasets")) read_datasets(file.openGroup("datasets"), project);
    if (file.nameExists("checkpoints")) read_checkpoints(file.openGroup("checkpoints"), project);
    if (file.nameExists("geometry")) read_geometry(file.openGroup("geometry"), project);
    if (file.nameExists("evaluations")) read_evaluations(file.openGroup("evaluations"), project);
    if (file.nameExists("locations")) {
      H5::Group locations = file.openGroup("locations");
      const auto from = read_strings_attr(locations, "moved_from"), to = read_strings_attr(locations, "moved_to");
      for (size_t i = 0; i < std::min(from.size(), to.size()); ++i) project.relocations[from[i]] = to[i];
    }
    if (file.nameExists("views")) project.views_json = read_string_attr(file.openGroup("views"), "session");
    return project;
  } catch (const H5::Exception& e) {
    return make_error(path + ": damaged project file: " + e.getDetailMsg());
  }
}

}  // namespace ms::store
