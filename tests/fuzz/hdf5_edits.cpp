#include "tests/fuzz/hdf5_edits.h"

#include <hdf5.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace ms::fuzz {
namespace {

struct Listing {
  std::vector<std::string> groups;    // "." is the root
  std::vector<std::string> datasets;
};

herr_t list_object(hid_t, const char* name, const H5O_info_t* info, void* out) {
  auto* listing = static_cast<Listing*>(out);
  if (info->type == H5O_TYPE_GROUP) listing->groups.push_back(name);
  if (info->type == H5O_TYPE_DATASET) listing->datasets.push_back(name);
  return 0;
}

Listing list_objects(hid_t file) {
  Listing listing;
  H5Ovisit(file, H5_INDEX_NAME, H5_ITER_NATIVE, list_object, &listing);
  return listing;
}

std::vector<std::string> attribute_names(hid_t object) {
  std::vector<std::string> names;
  H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_NATIVE, nullptr,
              [](hid_t, const char* name, const H5A_info_t*, void* out) -> herr_t {
                static_cast<std::vector<std::string>*>(out)->push_back(name);
                return 0;
              },
              &names);
  return names;
}

template <typename T>
const T& pick(const std::vector<T>& items, FuzzedDataProvider& input) {
  return items[input.ConsumeIntegralInRange<size_t>(0, items.size() - 1)];
}

// A type our readers might meet: integers and floats of every width, fixed and variable-length strings.
hid_t pick_type(FuzzedDataProvider& input) {
  switch (input.ConsumeIntegralInRange(0, 7)) {
    case 0: return H5Tcopy(H5T_NATIVE_INT8);
    case 1: return H5Tcopy(H5T_NATIVE_UINT8);
    case 2: return H5Tcopy(H5T_NATIVE_INT32);
    case 3: return H5Tcopy(H5T_NATIVE_INT64);
    case 4: return H5Tcopy(H5T_NATIVE_FLOAT);
    case 5: return H5Tcopy(H5T_NATIVE_DOUBLE);
    case 6: {
      hid_t text = H5Tcopy(H5T_C_S1);
      H5Tset_size(text, input.ConsumeIntegralInRange<size_t>(1, 16));
      return text;
    }
    default: {
      hid_t text = H5Tcopy(H5T_C_S1);
      H5Tset_size(text, H5T_VARIABLE);
      return text;
    }
  }
}

// A small dataspace: scalar, or rank 1-4 with extents 0..6 (the product stays small).
hid_t pick_space(FuzzedDataProvider& input) {
  const int rank = input.ConsumeIntegralInRange(0, 4);
  if (rank == 0) return H5Screate(H5S_SCALAR);
  hsize_t dims[4];
  for (int d = 0; d < rank; ++d) dims[d] = input.ConsumeIntegralInRange<hsize_t>(0, 6);
  return H5Screate_simple(rank, dims, nullptr);
}

// Values for `count` elements of `type`: the fuzzer's bytes as they are (any bit pattern: NaN, Inf, negatives).
struct Values {
  std::vector<unsigned char> bytes;
  std::vector<std::string> texts;
  std::vector<const char*> pointers;  // for variable-length strings
  const void* data() const { return pointers.empty() ? static_cast<const void*>(bytes.data()) : pointers.data(); }
};

Values pick_values(hid_t type, hsize_t count, FuzzedDataProvider& input) {
  Values values;
  if (H5Tis_variable_str(type) > 0) {
    for (hsize_t i = 0; i < count; ++i) values.texts.push_back(input.ConsumeRandomLengthString(24));
    for (const std::string& text : values.texts) values.pointers.push_back(text.c_str());
    if (values.pointers.empty()) values.pointers.push_back(nullptr);
    return values;
  }
  values.bytes = input.ConsumeBytes<unsigned char>(count * H5Tget_size(type));
  values.bytes.resize(count * H5Tget_size(type) + 1);
  return values;
}

void rewrite_attribute(hid_t file, const std::string& object_name, FuzzedDataProvider& input) {
  hid_t object = H5Oopen(file, object_name.c_str(), H5P_DEFAULT);
  if (object < 0) return;
  auto names = attribute_names(object);
  std::string name = names.empty() || input.ConsumeBool() ? input.ConsumeRandomLengthString(12) : pick(names, input);
  if (!name.empty()) {
    if (H5Aexists(object, name.c_str()) > 0) H5Adelete(object, name.c_str());
    hid_t type = pick_type(input), space = pick_space(input);
    hid_t attribute = H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
    if (attribute >= 0) {
      Values values = pick_values(type, static_cast<hsize_t>(H5Sget_simple_extent_npoints(space)), input);
      H5Awrite(attribute, type, values.data());
      H5Aclose(attribute);
    }
    H5Sclose(space), H5Tclose(type);
  }
  H5Oclose(object);
}

void delete_attribute(hid_t file, const std::string& object_name, FuzzedDataProvider& input) {
  hid_t object = H5Oopen(file, object_name.c_str(), H5P_DEFAULT);
  if (object < 0) return;
  auto names = attribute_names(object);
  if (!names.empty()) H5Adelete(object, pick(names, input).c_str());
  H5Oclose(object);
}

void rewrite_dataset(hid_t file, const std::string& name, FuzzedDataProvider& input) {
  H5Ldelete(file, name.c_str(), H5P_DEFAULT);
  hid_t type = pick_type(input);
  hid_t space, properties = H5Pcreate(H5P_DATASET_CREATE);
  const bool huge = input.ConsumeBool() && input.ConsumeBool();
  if (huge) {
    // Declares up to 2^40 elements but stores none (chunked, never written): a reader must not trust the shape.
    hsize_t dims[2] = {hsize_t{1} << input.ConsumeIntegralInRange(10, 30), input.ConsumeIntegralInRange<hsize_t>(1, 1024)};
    hsize_t chunk[2] = {64, 1};
    space = H5Screate_simple(2, dims, nullptr);
    H5Pset_chunk(properties, 2, chunk);
  } else {
    space = pick_space(input);
  }
  hid_t dataset = H5Dcreate2(file, name.c_str(), type, space, H5P_DEFAULT, properties, H5P_DEFAULT);
  if (dataset >= 0) {
    if (!huge) {
      Values values = pick_values(type, static_cast<hsize_t>(H5Sget_simple_extent_npoints(space)), input);
      H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    }
    H5Dclose(dataset);
  }
  H5Pclose(properties), H5Sclose(space), H5Tclose(type);
}

void apply_edit(hid_t file, FuzzedDataProvider& input) {
  Listing listing = list_objects(file);
  std::vector<std::string> objects = listing.groups;
  objects.insert(objects.end(), listing.datasets.begin(), listing.datasets.end());
  switch (input.ConsumeIntegralInRange(0, 4)) {
    case 0:  // remove a group or dataset (and what it holds)
      if (objects.size() > 1) {
        const std::string& name = pick(objects, input);
        if (name != ".") H5Ldelete(file, name.c_str(), H5P_DEFAULT);
      }
      break;
    case 1: rewrite_attribute(file, pick(objects, input), input); break;
    case 2: delete_attribute(file, pick(objects, input), input); break;
    case 3:
      if (!listing.datasets.empty()) rewrite_dataset(file, pick(listing.datasets, input), input);
      break;
    default: {  // a new dataset where the reader may look for one
      const std::string& group = pick(listing.groups, input);
      rewrite_dataset(file, (group == "." ? "" : group + "/") + input.ConsumeRandomLengthString(12), input);
    }
  }
}

}  // namespace

void write_edited_hdf5(const std::string& base, const std::string& path, FuzzedDataProvider& input, int max_edits) {
  std::error_code ec;
  std::filesystem::copy_file(base, path, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) std::abort();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // edits that HDF5 refuses are simply not made
  hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  if (file < 0) std::abort();
  for (int edit = 0; edit < max_edits && input.remaining_bytes() > 0; ++edit) apply_edit(file, input);
  H5Fclose(file);
}

}  // namespace ms::fuzz
