// Small typed wrappers over the HDF5 C++ API used by the project file: attributes and datasets of the types we store.
#pragma once

#include <H5Cpp.h>

#include <Eigen/Core>
#include <map>
#include <string>
#include <vector>

namespace ms::store::h5 {

// HDF5 names cannot hold '/'; ids like "layer1/conv" are stored escaped ("%2F"), '%' as "%25".
std::string escape_name(const std::string& name);
std::string unescape_name(const std::string& name);

void write_string_attr(H5::H5Object& object, const std::string& name, const std::string& value);
void write_int_attr(H5::H5Object& object, const std::string& name, int64_t value);
void write_double_attr(H5::H5Object& object, const std::string& name, double value);
void write_strings_attr(H5::H5Object& object, const std::string& name, const std::vector<std::string>& values);

std::string read_string_attr(const H5::H5Object& object, const std::string& name);
int64_t read_int_attr(const H5::H5Object& object, const std::string& name);
double read_double_attr(const H5::H5Object& object, const std::string& name);
std::vector<std::string> read_strings_attr(const H5::H5Object& object, const std::string& name);

// Every attribute of a numeric (float) type / string type, by name; the others are skipped.
std::map<std::string, double> read_double_attrs(const H5::H5Object& object);
std::map<std::string, std::string> read_string_attrs(const H5::H5Object& object);

// Chunked + shuffled + deflated datasets (read back bit-identical).
void write_matrix(H5::Group& group, const std::string& name, const Eigen::MatrixXd& matrix);
Eigen::MatrixXd read_matrix(const H5::Group& group, const std::string& name);
void write_int32s(H5::Group& group, const std::string& name, const std::vector<int32_t>& values);
std::vector<int32_t> read_int32s(const H5::Group& group, const std::string& name);

std::vector<std::string> child_names(const H5::Group& group);

// Writes every buffer of a file being written to disk and closes it, throwing H5::Exception when the disk refuses
// (full, a file-size limit): the destructors would swallow that error and leave a damaged file behind. Close the
// groups and datasets you hold first.
void flush_and_close(H5::H5File& file);

}  // namespace ms::store::h5
