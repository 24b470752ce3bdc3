#include "tests/unit/data/test_files.h"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace ms::test {

std::string scratch_dir(const std::string& name) {
  auto dir = std::filesystem::path(MS_TEST_OUTPUT_DIR) / "scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

void write_idx(const std::string& path, unsigned char type_code, const std::vector<uint32_t>& dims,
               const std::vector<unsigned char>& payload, bool gz) {
  std::vector<unsigned char> bytes{0, 0, type_code, static_cast<unsigned char>(dims.size())};
  for (uint32_t d : dims)
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<unsigned char>(d >> shift));
  bytes.insert(bytes.end(), payload.begin(), payload.end());
  if (!gz) return write_bytes(path, bytes);
  gzFile file = gzopen(path.c_str(), "wb");
  gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(file);
}

std::string npy_header(const std::string& descr, const std::vector<int64_t>& shape, bool fortran) {
  std::string text = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': (";
  for (int64_t extent : shape) text += std::to_string(extent) + (shape.size() == 1 ? "," : ", ");
  return text + "), }";
}

std::vector<unsigned char> npy_bytes(const std::string& header, const std::vector<unsigned char>& payload,
                                     int major) {
  const size_t length_bytes = major == 1 ? 2 : 4;
  std::string padded = header;
  while ((8 + length_bytes + padded.size() + 1) % 64 != 0) padded += ' ';  // +1: the newline
  padded += '\n';
  std::vector<unsigned char> bytes{0x93, 'N', 'U', 'M', 'P', 'Y', static_cast<unsigned char>(major), 0};
  for (size_t i = 0; i < length_bytes; ++i) bytes.push_back(static_cast<unsigned char>(padded.size() >> (8 * i)));
  bytes.insert(bytes.end(), padded.begin(), padded.end());
  bytes.insert(bytes.end(), payload.begin(), payload.end());
  return bytes;
}

void write_bytes(const std::string& path, const std::vector<unsigned char>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<unsigned char> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace ms::test
