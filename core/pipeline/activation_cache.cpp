#include "core/pipeline/activation_cache.h"

#include <H5Cpp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <unordered_map>

#include "core/common/atomic_write.h"
#include "core/common/disk_room.h"
#include "core/common/hdf5_extent.h"
#include "core/common/hdf5_lock.h"
#include "core/store/hdf5_helpers.h"

namespace ms::pipeline {
namespace fs = std::filesystem;
namespace h5 = store::h5;

namespace {

constexpr const char* kFormat = "manifoldscope-activation-cache";
constexpr int64_t kVersion = 1;

// Floats printed with 9 significant digits read back exactly, so the text compares equal iff the values do.
std::string normalization_text(const model::Normalization& norm) {
  auto list = [](const std::vector<float>& values) {
    std::string text;
    char buffer[32];
    for (float v : values) {
      std::snprintf(buffer, sizeof buffer, "%.9g", v);
      text += (text.empty() ? "" : ",") + std::string(buffer);
    }
    return text;
  };
  return "scale=" + list({norm.scale}) + ";mean=" + list(norm.mean) + ";std=" + list(norm.std);
}

// About 1 MB per chunk: whole rows when they fit, so reading a row range decompresses little else.
H5::DSetCreatPropList float_layout(hsize_t n, hsize_t d) {
  H5::DSetCreatPropList props;
  const hsize_t per_chunk = 1 << 18;  // floats
  hsize_t chunk[2] = {std::clamp<hsize_t>(per_chunk / std::max<hsize_t>(d, 1), 1, n), std::min(d, per_chunk)};
  props.setChunk(2, chunk);
  props.setShuffle();
  props.setDeflate(1);  // zeros after ReLU compress well already; higher levels cost seconds per checkpoint
  return props;
}

void write_int64s(H5::Group& group, const std::string& name, const std::vector<int64_t>& values) {
  const hsize_t n = values.size();
  H5::DataSpace space(1, &n);
  group.createDataSet(name, H5::PredType::NATIVE_INT64, space).write(values.data(), H5::PredType::NATIVE_INT64);
}

std::vector<int64_t> read_int64s(const H5::Group& group, const std::string& name) {
  H5::DataSet set = group.openDataSet(name);
  hsize_t n = 0;
  if (set.getSpace().getSimpleExtentNdims() != 1) throw H5::DataSetIException("read", name + " is not a vector");
  if (auto count = stored_element_count(set, name, sizeof(int64_t)); !count)
    throw H5::DataSetIException("read", count.error());
  set.getSpace().getSimpleExtentDims(&n);
  std::vector<int64_t> values(n);
  if (n > 0) set.read(values.data(), H5::PredType::NATIVE_INT64);
  return values;
}

bool is_cache_file(const H5::H5File& file) {
  return file.attrExists("format") && h5::read_string_attr(file, "format") == kFormat &&
         file.attrExists("format_version") && h5::read_int_attr(file, "format_version") == kVersion;
}

// Layers of the same sample already cached (an analysis extracts its layers in groups, one write per group) are
// copied into the new file, except those being written now.
void carry_over_layers(const std::string& previous, const ActivationCacheKey& key, const std::vector<int64_t>& rows,
                       const std::vector<int32_t>& labels, const std::vector<std::string>& layer_ids,
                       H5::Group& layers) {
  std::error_code ec;
  if (previous.empty() || !fs::exists(previous, ec)) return;
  try {
    H5::H5File old(previous, H5F_ACC_RDONLY);
    const std::string path = h5::escape_name(key.sha256) + "/" + h5::escape_name(key.dataset);
    if (!is_cache_file(old) || !old.nameExists(h5::escape_name(key.sha256)) || !old.nameExists(path)) return;
    H5::Group group = old.openGroup(path);
    if (h5::read_int_attr(group, "item_count") != key.item_count ||
        h5::read_string_attr(group, "normalization") != normalization_text(key.normalization) ||
        read_int64s(group, "rows") != rows || h5::read_int32s(group, "labels") != labels)
      return;
    std::set<std::string> written;
    for (const std::string& id : layer_ids) written.insert(h5::escape_name(id));
    H5::Group old_layers = group.openGroup("layers");
    for (const std::string& name : h5::child_names(old_layers))
      if (!written.count(name))
        H5Ocopy(old_layers.getId(), name.c_str(), layers.getId(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
  } catch (const H5::Exception&) {
    // A damaged previous file has nothing worth keeping.
  }
}

void write_file(const std::string& temp, const std::string& previous, const ActivationCacheKey& key,
                const std::vector<int64_t>& rows, const Eigen::Ref<const Eigen::VectorXi>& labels,
                const std::vector<std::string>& layer_ids, const std::vector<std::vector<int64_t>>& layer_shapes,
                const std::vector<model::RowMatrixXf>& values) {
  H5::H5File file(temp, H5F_ACC_TRUNC);
  h5::write_string_attr(file, "format", kFormat);
  h5::write_int_attr(file, "format_version", kVersion);
  H5::Group checkpoint = file.createGroup(h5::escape_name(key.sha256));
  const std::string dataset_name = h5::escape_name(key.dataset);

  // Keep the other datasets of this checkpoint from a valid previous file (raw chunks copied, not re-encoded).
  std::error_code ec;
  if (!previous.empty() && fs::exists(previous, ec)) {
    try {
      H5::H5File old(previous, H5F_ACC_RDONLY);
      if (is_cache_file(old) && old.nameExists(h5::escape_name(key.sha256))) {
        H5::Group old_checkpoint = old.openGroup(h5::escape_name(key.sha256));
        for (const std::string& name : h5::child_names(old_checkpoint))
          if (name != dataset_name) H5Ocopy(old_checkpoint.getId(), name.c_str(), checkpoint.getId(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
      }
    } catch (const H5::Exception&) {
      // A damaged previous file has nothing worth keeping.
    }
  }

  H5::Group group = checkpoint.createGroup(dataset_name);
  h5::write_string_attr(group, "sample_seed", std::to_string(key.sample_seed));
  h5::write_int_attr(group, "item_count", key.item_count);
  h5::write_string_attr(group, "normalization", normalization_text(key.normalization));
  write_int64s(group, "rows", rows);
  const std::vector<int32_t> label_values(labels.data(), labels.data() + labels.size());
  h5::write_int32s(group, "labels", label_values);
  H5::Group layers = group.createGroup("layers");
  carry_over_layers(previous, key, rows, label_values, layer_ids, layers);
  for (size_t l = 0; l < layer_ids.size(); ++l) {
    const hsize_t dims[2] = {static_cast<hsize_t>(values[l].rows()), static_cast<hsize_t>(values[l].cols())};
    H5::DataSpace space(2, dims);
    H5::DataSet set = layers.createDataSet(h5::escape_name(layer_ids[l]), H5::PredType::NATIVE_FLOAT, space,
                                           float_layout(dims[0], dims[1]));
    set.write(values[l].data(), H5::PredType::NATIVE_FLOAT);  // [n, d] row-major, as HDF5 stores it
    std::string shape;
    for (int64_t extent : layer_shapes[l]) shape += (shape.empty() ? "" : ",") + std::to_string(extent);
    h5::write_string_attr(set, "shape", shape);
  }
  layers.close();
  group.close();
  checkpoint.close();
  h5::flush_and_close(file);  // a refused write throws here instead of leaving a damaged cache behind
}

}  // namespace

std::string activation_cache_file(const std::string& project_path, const std::string& sha256) {
  return project_path + ".activations/" + sha256 + ".h5";
}

Status write_activation_cache(const std::string& path, const ActivationCacheKey& key, const std::vector<int64_t>& rows,
                              const Eigen::Ref<const Eigen::VectorXi>& labels, const std::vector<std::string>& layer_ids,
                              const std::vector<std::vector<int64_t>>& layer_shapes,
                              const std::vector<model::RowMatrixXf>& values) {
  if (layer_ids.size() != values.size() || layer_ids.size() != layer_shapes.size() ||
      static_cast<Eigen::Index>(rows.size()) != labels.size())
    return make_error(path + ": activation cache: inconsistent sizes");
  for (const model::RowMatrixXf& matrix : values)
    if (matrix.rows() != labels.size()) return make_error(path + ": activation cache: a layer has the wrong row count");
  const auto hdf5 = lock_hdf5();
  H5::Exception::dontPrint();
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return make_error(fs::path(path).parent_path().string() + ": cannot create the cache folder: " + ec.message());
  // Uncompressed size plus room for metadata: an upper bound, checked first because HDF5 cannot take a refused write
  // back cleanly (core/common/disk_room.h).
  uint64_t bytes = 64u << 10;
  for (const model::RowMatrixXf& matrix : values) bytes += static_cast<uint64_t>(matrix.size()) * sizeof(float);
  if (Status room = check_disk_room(path, bytes); !room) return make_error("no activation cache written: " + room.error());
  return write_atomically(path, [&](const std::string& temporary) -> Status {
    try {
      write_file(temporary, path, key, rows, labels, layer_ids, layer_shapes, values);
    } catch (const H5::Exception& error) {
      return make_error(path + ": could not write the activation cache: " + error.getDetailMsg());
    }
    return Ok{};
  }, "could not write the activation cache");
}

Result<std::optional<std::vector<model::RowMatrixXf>>> read_activation_cache(const std::string& path,
                                                                          const ActivationCacheKey& key,
                                                                          const std::vector<int64_t>& rows,
                                                                          const Eigen::Ref<const Eigen::VectorXi>& labels,
                                                                          const std::vector<std::string>& layer_ids) {
  using Found = std::optional<std::vector<model::RowMatrixXf>>;
  std::error_code ec;
  if (!fs::exists(path, ec)) return Found{};
  const auto hdf5 = lock_hdf5();
  H5::Exception::dontPrint();
  try {
    H5::H5File file(path, H5F_ACC_RDONLY);
    if (!is_cache_file(file)) return make_error(path + ": not an activation cache of this version");
    const std::string checkpoint = h5::escape_name(key.sha256), dataset = h5::escape_name(key.dataset);
    if (!file.nameExists(checkpoint)) return Found{};
    H5::Group checkpoint_group = file.openGroup(checkpoint);
    if (!checkpoint_group.nameExists(dataset)) return Found{};
    H5::Group group = checkpoint_group.openGroup(dataset);
    if (h5::read_int_attr(group, "item_count") != key.item_count ||
        h5::read_string_attr(group, "normalization") != normalization_text(key.normalization))
      return Found{};

    // Where each wanted dataset row sits in the cache; the labels must agree (same data under the same id).
    const std::vector<int64_t> cached_rows = read_int64s(group, "rows");
    const std::vector<int32_t> cached_labels = h5::read_int32s(group, "labels");
    if (cached_labels.size() != cached_rows.size()) return make_error(path + ": rows and labels differ in length");
    std::unordered_map<int64_t, int64_t> position;
    for (size_t i = 0; i < cached_rows.size(); ++i) position[cached_rows[i]] = static_cast<int64_t>(i);
    std::vector<int64_t> source(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      auto found = position.find(rows[i]);
      if (found == position.end()) return Found{};
      if (cached_labels[found->second] != labels[static_cast<Eigen::Index>(i)])
        return make_error(path + ": cached labels disagree with " + key.dataset);
      source[i] = found->second;
    }

    H5::Group layers = group.openGroup("layers");
    std::vector<model::RowMatrixXf> out;
    for (const std::string& id : layer_ids) {
      if (!layers.nameExists(h5::escape_name(id))) return Found{};
      H5::DataSet set = layers.openDataSet(h5::escape_name(id));
      H5::DataSpace space = set.getSpace();
      hsize_t dims[2] = {0, 0};
      if (space.getSimpleExtentNdims() != 2) return make_error(path + ": layer " + id + " is not a matrix");
      space.getSimpleExtentDims(dims);
      if (dims[0] != cached_rows.size() || set.getDataType().getClass() != H5T_FLOAT)
        return make_error(path + ": layer " + id + " has the wrong shape or type");
      if (auto count = stored_element_count(set, path + ": layer " + id, sizeof(float)); !count)
        return make_error(count.error());
      model::RowMatrixXf all(static_cast<Eigen::Index>(dims[0]), static_cast<Eigen::Index>(dims[1]));
      set.read(all.data(), H5::PredType::NATIVE_FLOAT);
      model::RowMatrixXf picked(static_cast<Eigen::Index>(rows.size()), all.cols());
      for (size_t i = 0; i < rows.size(); ++i) picked.row(static_cast<Eigen::Index>(i)) = all.row(source[i]);
      out.push_back(std::move(picked));
    }
    return Found{std::move(out)};
  } catch (const H5::Exception& error) {
    return make_error(path + ": unreadable activation cache (" + error.getDetailMsg() + ")");
  }
}

}  // namespace ms::pipeline
