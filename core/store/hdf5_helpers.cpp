#include "core/store/hdf5_helpers.h"

#include <algorithm>

#include "core/common/hdf5_extent.h"

namespace ms::store::h5 {
namespace {

H5::StrType utf8_string_type() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

H5::DSetCreatPropList compressed(const std::vector<hsize_t>& dims) {
  H5::DSetCreatPropList props;
  if (std::all_of(dims.begin(), dims.end(), [](hsize_t d) { return d > 0; })) {
    std::vector<hsize_t> chunk(dims);
    for (auto& c : chunk) c = std::min<hsize_t>(c, 4096);
    props.setChunk(static_cast<int>(chunk.size()), chunk.data());
    props.setShuffle();
    props.setDeflate(4);
  }
  return props;
}

void replace_attr(H5::H5Object& object, const std::string& name) {
  if (object.attrExists(name)) object.removeAttr(name);
}

}  // namespace

std::string escape_name(const std::string& name) {
  std::string out;
  for (char c : name) out += c == '/' ? "%2F" : c == '%' ? "%25" : std::string(1, c);
  return out == "." ? "%2E" : out;
}

std::string unescape_name(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '%' && i + 2 < name.size()) {
      std::string code = name.substr(i + 1, 2);
      if (code == "2F") { out += '/'; i += 2; continue; }
      if (code == "25") { out += '%'; i += 2; continue; }
      if (code == "2E") { out += '.'; i += 2; continue; }
    }
    out += name[i];
  }
  return out;
}

void write_string_attr(H5::H5Object& object, const std::string& name, const std::string& value) {
  replace_attr(object, name);
  H5::Attribute attr = object.createAttribute(name, utf8_string_type(), H5::DataSpace(H5S_SCALAR));
  attr.write(utf8_string_type(), value);
}

void write_int_attr(H5::H5Object& object, const std::string& name, int64_t value) {
  replace_attr(object, name);
  object.createAttribute(name, H5::PredType::NATIVE_INT64, H5::DataSpace(H5S_SCALAR))
      .write(H5::PredType::NATIVE_INT64, &value);
}

void write_double_attr(H5::H5Object& object, const std::string& name, double value) {
  replace_attr(object, name);
  object.createAttribute(name, H5::PredType::NATIVE_DOUBLE, H5::DataSpace(H5S_SCALAR))
      .write(H5::PredType::NATIVE_DOUBLE, &value);
}

void write_strings_attr(H5::H5Object& object, const std::string& name, const std::vector<std::string>& values) {
  replace_attr(object, name);
  std::vector<const char*> pointers;
  for (const auto& value : values) pointers.push_back(value.c_str());
  hsize_t count = values.size();
  H5::DataSpace space = count ? H5::DataSpace(1, &count) : H5::DataSpace(H5S_NULL);
  H5::Attribute attr = object.createAttribute(name, utf8_string_type(), space);
  if (count) attr.write(utf8_string_type(), pointers.data());
}

namespace {

// HDF5 writes every element of an attribute into the buffer it is given: one value needs a one-element attribute.
H5::Attribute open_single_value_attr(const H5::H5Object& object, const std::string& name) {
  H5::Attribute attr = object.openAttribute(name);
  if (const hssize_t count = attr.getSpace().getSimpleExtentNpoints(); count != 1)
    throw H5::AttributeIException("read", "attribute '" + name + "' holds " + std::to_string(count) +
                                              " values where one is expected");
  return attr;
}

}  // namespace

std::string read_string_attr(const H5::H5Object& object, const std::string& name) {
  if (!object.attrExists(name)) return {};
  H5::Attribute attr = open_single_value_attr(object, name);
  std::string value;
  attr.read(attr.getStrType(), value);
  return value;
}

int64_t read_int_attr(const H5::H5Object& object, const std::string& name) {
  int64_t value = 0;
  if (object.attrExists(name)) open_single_value_attr(object, name).read(H5::PredType::NATIVE_INT64, &value);
  return value;
}

double read_double_attr(const H5::H5Object& object, const std::string& name) {
  double value = 0;
  if (object.attrExists(name)) open_single_value_attr(object, name).read(H5::PredType::NATIVE_DOUBLE, &value);
  return value;
}

std::vector<std::string> read_strings_attr(const H5::H5Object& object, const std::string& name) {
  if (!object.attrExists(name)) return {};
  H5::Attribute attr = object.openAttribute(name);
  H5::DataSpace space = attr.getSpace();
  if (space.getSimpleExtentType() == H5S_NULL) return {};
  std::vector<char*> pointers(space.getSimpleExtentNpoints());
  H5::StrType type = utf8_string_type();
  attr.read(type, pointers.data());
  std::vector<std::string> values(pointers.begin(), pointers.end());
  H5Dvlen_reclaim(type.getId(), space.getId(), H5P_DEFAULT, pointers.data());
  return values;
}

namespace {

struct AttrVisit {
  std::map<std::string, double>* numbers = nullptr;
  std::map<std::string, std::string>* strings = nullptr;
};

void visit_attr(H5::H5Object& object, const H5std_string name, void* data) {
  auto* visit = static_cast<AttrVisit*>(data);
  H5::Attribute attr = object.openAttribute(name);
  H5T_class_t cls = attr.getTypeClass();
  if (attr.getSpace().getSimpleExtentNpoints() != 1) return;
  if (visit->numbers && (cls == H5T_FLOAT || cls == H5T_INTEGER)) {
    double value = 0;
    attr.read(H5::PredType::NATIVE_DOUBLE, &value);
    (*visit->numbers)[name] = value;
  }
  if (visit->strings && cls == H5T_STRING) {
    std::string value;
    attr.read(attr.getStrType(), value);
    (*visit->strings)[name] = value;
  }
}

}  // namespace

std::map<std::string, double> read_double_attrs(const H5::H5Object& object) {
  std::map<std::string, double> numbers;
  AttrVisit visit{&numbers, nullptr};
  const_cast<H5::H5Object&>(object).iterateAttrs(visit_attr, nullptr, &visit);
  return numbers;
}

std::map<std::string, std::string> read_string_attrs(const H5::H5Object& object) {
  std::map<std::string, std::string> strings;
  AttrVisit visit{nullptr, &strings};
  const_cast<H5::H5Object&>(object).iterateAttrs(visit_attr, nullptr, &visit);
  return strings;
}

void write_matrix(H5::Group& group, const std::string& name, const Eigen::MatrixXd& matrix) {
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  RowMajor rows = matrix;
  std::vector<hsize_t> dims{static_cast<hsize_t>(matrix.rows()), static_cast<hsize_t>(matrix.cols())};
  H5::DataSet set = group.createDataSet(name, H5::PredType::NATIVE_DOUBLE, H5::DataSpace(2, dims.data()),
                                        compressed(dims));
  if (rows.size()) set.write(rows.data(), H5::PredType::NATIVE_DOUBLE);
}

Eigen::MatrixXd read_matrix(const H5::Group& group, const std::string& name) {
  H5::DataSet set = group.openDataSet(name);
  hsize_t dims[2] = {0, 0};
  if (set.getSpace().getSimpleExtentNdims() != 2) throw H5::DataSetIException("read_matrix", name + " is not 2-D");
  if (auto count = stored_element_count(set, name, sizeof(double)); !count)
    throw H5::DataSetIException("read_matrix", count.error());
  set.getSpace().getSimpleExtentDims(dims);
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows(dims[0], dims[1]);
  if (rows.size()) set.read(rows.data(), H5::PredType::NATIVE_DOUBLE);
  return rows;
}

void write_int32s(H5::Group& group, const std::string& name, const std::vector<int32_t>& values) {
  std::vector<hsize_t> dims{values.size()};
  H5::DataSet set = group.createDataSet(name, H5::PredType::NATIVE_INT32, H5::DataSpace(1, dims.data()),
                                        compressed(dims));
  if (!values.empty()) set.write(values.data(), H5::PredType::NATIVE_INT32);
}

std::vector<int32_t> read_int32s(const H5::Group& group, const std::string& name) {
  H5::DataSet set = group.openDataSet(name);
  auto count = stored_element_count(set, name, sizeof(int32_t));
  if (!count) throw H5::DataSetIException("read_int32s", count.error());
  std::vector<int32_t> values(*count);
  if (!values.empty()) set.read(values.data(), H5::PredType::NATIVE_INT32);
  return values;
}

std::vector<std::string> child_names(const H5::Group& group) {
  std::vector<std::string> names;
  for (hsize_t i = 0; i < group.getNumObjs(); ++i) names.push_back(group.getObjnameByIdx(i));
  return names;
}

void flush_and_close(H5::H5File& file) {
  file.flush(H5F_SCOPE_GLOBAL);
  file.close();
}

}  // namespace ms::store::h5
