// Writers for small, deliberately well-formed or broken dataset files used by the reader tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ms::test {

// A fresh, empty folder under the test output folder.
std::string scratch_dir(const std::string& name);

// IDX: magic (0,0,type,ndims), big-endian dims, payload. gzip when `gz`.
void write_idx(const std::string& path, unsigned char type_code, const std::vector<uint32_t>& dims,
               const std::vector<unsigned char>& payload, bool gz);
void write_bytes(const std::string& path, const std::vector<unsigned char>& bytes);
std::vector<unsigned char> read_bytes(const std::string& path);

}  // namespace ms::test
