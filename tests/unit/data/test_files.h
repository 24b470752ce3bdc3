// Writers for small, deliberately well-formed or broken dataset files used by the reader tests.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace ms::test {

// A fresh, empty folder under the test output folder.
std::string scratch_dir(const std::string& name);

// IDX: magic (0,0,type,ndims), big-endian dims, payload. gzip when `gz`.
void write_idx(const std::string& path, unsigned char type_code, const std::vector<uint32_t>& dims,
               const std::vector<unsigned char>& payload, bool gz);
// .npy: the header dict NumPy writes for (descr, shape, fortran_order).
std::string npy_header(const std::string& descr, const std::vector<int64_t>& shape, bool fortran = false);
// .npy file bytes: magic, version major.0, header length (2 bytes for 1.0, else 4), `header` padded with spaces and a
// newline to a multiple of 64 bytes, then `payload`.
std::vector<unsigned char> npy_bytes(const std::string& header, const std::vector<unsigned char>& payload,
                                     int major = 1);
// Little-endian bytes of `values` as T, the payload of a '<' dtype.
template <class T>
std::vector<unsigned char> le_bytes(const std::vector<T>& values) {
  std::vector<unsigned char> bytes;
  for (T value : values) {
    unsigned char raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));  // the test machines are little-endian, as NumPy's '<' assumes
    bytes.insert(bytes.end(), raw, raw + sizeof(T));
  }
  return bytes;
}

void write_bytes(const std::string& path, const std::vector<unsigned char>& bytes);
std::vector<unsigned char> read_bytes(const std::string& path);

}  // namespace ms::test
