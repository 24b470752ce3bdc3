#include "core/data/hdf5_array_reader.h"

#include <H5Cpp.h>

#include "core/common/hdf5_extent.h"
#include "core/common/hdf5_lock.h"
#include "core/data/label_checks.h"

namespace ms::data {
namespace {

struct Array {
  std::vector<hsize_t> dims;
  std::vector<float> values;
  std::string type;
};

std::string type_name(const H5::DataSet& dataset) {
  H5T_class_t cls = dataset.getTypeClass();
  size_t size = dataset.getDataType().getSize();
  if (cls == H5T_FLOAT) return size == 4 ? "float32" : size == 8 ? "float64" : "float";
  if (cls == H5T_INTEGER) {
    bool is_signed = dataset.getIntType().getSign() != H5T_SGN_NONE;
    return std::string(is_signed ? "int" : "uint") + std::to_string(8 * size);
  }
  return "";
}

Result<Array> read_array(H5::H5File& file, const std::string& file_name, const std::string& path) {
  if (!file.nameExists(path)) return make_error(file_name + ": no dataset at '" + path + "'");
  H5::DataSet dataset = file.openDataSet(path);
  Array array;
  array.type = type_name(dataset);
  if (array.type.empty()) return make_error(file_name + ":" + path + ": not a numeric dataset");
  auto total = stored_element_count(dataset, file_name + ":" + path, sizeof(float));
  if (!total) return make_error(total.error());
  H5::DataSpace space = dataset.getSpace();
  array.dims.resize(space.getSimpleExtentNdims());
  space.getSimpleExtentDims(array.dims.data());
  array.values.resize(*total);
  // HDF5 converts any stored numeric type to native float on read.
  dataset.read(array.values.data(), H5::PredType::NATIVE_FLOAT);
  return array;
}

}  // namespace

Result<Dataset> read_hdf5_arrays(const std::string& file_name, const std::string& values_path,
                                 const std::string& labels_path) {
  const auto hdf5 = lock_hdf5();
  H5::Exception::dontPrint();
  try {
    if (!H5::H5File::isHdf5(file_name)) return make_error(file_name + ": not an HDF5 file");
    H5::H5File file(file_name, H5F_ACC_RDONLY);
    auto values = read_array(file, file_name, values_path);
    if (!values) return make_error(values.error());
    auto labels = read_array(file, file_name, labels_path);
    if (!labels) return make_error(labels.error());

    const auto& dims = values->dims;
    if (dims.size() < 2 || dims.size() > 4)
      return make_error(file_name + ":" + values_path + ": expected shape [n, d], [n, h, w] or [n, c, h, w]");
    if (labels->dims.size() != 1 || labels->dims[0] != dims[0])
      return make_error(file_name + ":" + labels_path + ": expected " + std::to_string(dims[0]) +
                        " labels (shape [n]) to match " + values_path);
    Dataset dataset;
    dataset.name = file_name + ":" + values_path;
    dataset.source = file_name;
    dataset.element_type = values->type;
    if (dims.size() == 2) dataset.item_shape = {static_cast<int64_t>(dims[1])};
    if (dims.size() == 3) dataset.item_shape = {1, static_cast<int64_t>(dims[1]), static_cast<int64_t>(dims[2])};
    if (dims.size() == 4)
      dataset.item_shape = {static_cast<int64_t>(dims[1]), static_cast<int64_t>(dims[2]), static_cast<int64_t>(dims[3])};
    dataset.values = std::move(values->values);
    auto checked = check_labels(labels->values, file_name + ":" + labels_path, {});
    if (!checked) return make_error(checked.error());
    dataset.labels = std::move(checked->labels);
    dataset.class_names = std::move(checked->class_names);
    return dataset;
  } catch (const H5::Exception& e) {
    return make_error(file_name + ": HDF5 error: " + e.getDetailMsg());
  }
}

}  // namespace ms::data
