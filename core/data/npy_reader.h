// NumPy .npy arrays (format versions 1.0, 2.0 and 3.0), read by row ranges so that one block of a large file
// (a CIFAR-10-C severity: 30 MB of a 150 MB file) costs only that block.
// Supported: C order; dtypes u1 i1 u2 i2 u4 i4 u8 i8 f4 f8, little-endian ('<') or byte-order-free ('|').
// Errors name the file and the defect: too short or not a .npy file (magic), an unknown version, a header that
// does not parse, fortran_order True, a big-endian or unsupported dtype, a shape whose size overflows, or less data
// than the shape declares. Data beyond the declared size is ignored, as NumPy does.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ms::data {

struct NpyHeader {
  std::string path;
  std::string descr;           // as stored: "|u1", "<f4", ...
  std::string element_type;    // "uint8", "int64", "float32", ...
  char kind = 0;               // 'u', 'i' or 'f'
  int value_bytes = 0;         // bytes per value
  std::vector<int64_t> shape;  // {} for a scalar, {n} for a vector, {n, h, w, c}, ...
  int64_t data_offset = 0;     // where the values start in the file

  int64_t rows() const { return shape.empty() ? 1 : shape[0]; }
  int64_t row_size() const;  // values per row: the product of shape[1..]
  bool is_integer() const { return kind == 'u' || kind == 'i'; }
};

// Parses the header and checks that the file holds at least the declared data.
Result<NpyHeader> read_npy_header(const std::string& path);

// Rows [first, first + count) along the first axis, row-major, converted to float (64-bit integers beyond 2^24
// round). Only those rows are read from the file.
Result<std::vector<float>> read_npy_rows(const NpyHeader& header, int64_t first, int64_t count);

}  // namespace ms::data
