#include "core/data/npy_reader.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <new>

#include "core/data/dataset.h"

namespace ms::data {
namespace {

// NumPy writes headers of a few hundred bytes; a corrupt length must not make us allocate gigabytes.
constexpr uint32_t kMaxHeaderBytes = 1u << 20;
// Rows are converted through a buffer of this size, so a block is never held twice as raw bytes.
constexpr int64_t kChunkBytes = int64_t{4} << 20;
constexpr int64_t kMaxInt64 = std::numeric_limits<int64_t>::max();

// The header is a Python dict literal, e.g. {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }.
// Only what NumPy writes is accepted: quoted strings, True/False and a tuple of non-negative integers.
class HeaderParser {
 public:
  explicit HeaderParser(const std::string& text) : text_(text) {}

  // Returns "" on success, else what is wrong.
  std::string parse(std::string* descr, bool* fortran, std::vector<int64_t>* shape) {
    bool have_descr = false, have_fortran = false, have_shape = false;
    if (!eat('{')) return "it does not start with '{'";
    while (!eat('}')) {
      std::string key;
      if (!quoted(&key)) return "expected a quoted key at byte " + std::to_string(at_);
      if (!eat(':')) return "expected ':' after '" + key + "'";
      if (key == "descr") {
        if (eat('[')) return "'descr' is a list (structured dtypes are not supported)";
        if (!quoted(descr)) return "'descr' is not a quoted string";
        have_descr = true;
      } else if (key == "fortran_order") {
        if (!boolean(fortran)) return "'fortran_order' is not True or False";
        have_fortran = true;
      } else if (key == "shape") {
        if (std::string why = tuple(shape); !why.empty()) return why;
        have_shape = true;
      } else {
        return "unexpected key '" + key + "'";
      }
      if (!eat(',')) {
        if (!eat('}')) return "expected ',' or '}' after the value of '" + key + "'";
        break;
      }
    }
    skip_space();
    if (at_ != text_.size()) return "unexpected text after '}'";
    if (!have_descr) return "no 'descr'";
    if (!have_fortran) return "no 'fortran_order'";
    if (!have_shape) return "no 'shape'";
    return "";
  }

 private:
  void skip_space() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }
  bool eat(char c) {
    skip_space();
    if (at_ >= text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }
  bool quoted(std::string* out) {
    skip_space();
    if (at_ >= text_.size() || (text_[at_] != '\'' && text_[at_] != '"')) return false;
    const auto end = text_.find(text_[at_], at_ + 1);
    if (end == std::string::npos) return false;
    *out = text_.substr(at_ + 1, end - at_ - 1);
    at_ = end + 1;
    return out->find('\\') == std::string::npos;  // NumPy never escapes; an escape means this is not its header
  }
  bool boolean(bool* out) {
    skip_space();
    for (const char* word : {"True", "False"}) {
      const size_t n = std::strlen(word);
      if (text_.compare(at_, n, word) == 0) {
        *out = word[0] == 'T';
        at_ += n;
        return true;
      }
    }
    return false;
  }
  // "(50000, 32, 32, 3)", "(5,)", "()"; Python 2 wrote "(5L,)".
  std::string tuple(std::vector<int64_t>* out) {
    out->clear();
    if (!eat('(')) return "'shape' is not a tuple";
    while (!eat(')')) {
      skip_space();
      if (at_ >= text_.size() || !std::isdigit(static_cast<unsigned char>(text_[at_])))
        return "'shape' is not a tuple of non-negative integers";
      int64_t value = 0;
      for (; at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_])); ++at_) {
        const int digit = text_[at_] - '0';
        if (value > (kMaxInt64 - digit) / 10) return "a 'shape' extent is too large";
        value = value * 10 + digit;
      }
      if (at_ < text_.size() && text_[at_] == 'L') ++at_;
      out->push_back(value);
      if (!eat(',')) {
        if (!eat(')')) return "'shape' is not a tuple of non-negative integers";
        break;
      }
    }
    return "";
  }

  const std::string& text_;
  size_t at_ = 0;
};

struct Dtype {
  char kind;
  int bytes;
  const char* name;
};

constexpr Dtype kDtypes[] = {{'u', 1, "uint8"},  {'i', 1, "int8"},    {'u', 2, "uint16"},  {'i', 2, "int16"},
                             {'u', 4, "uint32"}, {'i', 4, "int32"},   {'u', 8, "uint64"},  {'i', 8, "int64"},
                             {'f', 4, "float32"}, {'f', 8, "float64"}};

// "<f4" -> float32. Returns "" on success, else what is wrong.
std::string parse_descr(const std::string& descr, Dtype* dtype) {
  const std::string supported = "(supported: u1, i1, u2, i2, u4, i4, u8, i8, f4, f8, little-endian)";
  if (descr.size() < 3) return "unsupported dtype '" + descr + "' " + supported;
  const char order = descr[0];
  const std::string size_text = descr.substr(2);
  const int bytes = size_text == "1" ? 1 : size_text == "2" ? 2 : size_text == "4" ? 4 : size_text == "8" ? 8 : 0;
  for (const Dtype& known : kDtypes) {
    if (known.kind != descr[1] || known.bytes != bytes) continue;
    if (order == '>' && bytes > 1)
      return "big-endian dtype '" + descr + "' is not supported (save it as little-endian: a.astype('<" +
             descr.substr(1) + "'))";
    if (order != '<' && order != '|' && order != '>') break;
    *dtype = known;
    return "";
  }
  return "unsupported dtype '" + descr + "' " + supported;
}

// a * b, false on overflow (both non-negative).
bool multiply(int64_t a, int64_t b, int64_t* out) {
  if (a != 0 && b > kMaxInt64 / a) return false;
  *out = a * b;
  return true;
}

uint32_t little_endian(const unsigned char* bytes, int n) {
  uint32_t value = 0;
  for (int i = 0; i < n; ++i) value |= static_cast<uint32_t>(bytes[i]) << (8 * i);
  return value;
}

// NumPy stores little-endian; assembling the bits by shifting is right whatever this machine's byte order.
template <class T, class Bits>
void convert_as(const unsigned char* bytes, int64_t n, float* out) {
  for (int64_t i = 0; i < n; ++i) {
    Bits bits = 0;
    for (size_t b = 0; b < sizeof(T); ++b) bits |= static_cast<Bits>(static_cast<Bits>(bytes[i * sizeof(T) + b]) << (8 * b));
    T value;
    std::memcpy(&value, &bits, sizeof(T));
    out[i] = static_cast<float>(value);
  }
}

void convert(char kind, int bytes, const unsigned char* raw, int64_t n, float* out) {
  switch (kind * 16 + bytes) {
    case 'u' * 16 + 1: return convert_as<uint8_t, uint8_t>(raw, n, out);
    case 'i' * 16 + 1: return convert_as<int8_t, uint8_t>(raw, n, out);
    case 'u' * 16 + 2: return convert_as<uint16_t, uint16_t>(raw, n, out);
    case 'i' * 16 + 2: return convert_as<int16_t, uint16_t>(raw, n, out);
    case 'u' * 16 + 4: return convert_as<uint32_t, uint32_t>(raw, n, out);
    case 'i' * 16 + 4: return convert_as<int32_t, uint32_t>(raw, n, out);
    case 'u' * 16 + 8: return convert_as<uint64_t, uint64_t>(raw, n, out);
    case 'i' * 16 + 8: return convert_as<int64_t, uint64_t>(raw, n, out);
    case 'f' * 16 + 4: return convert_as<float, uint32_t>(raw, n, out);
    default: return convert_as<double, uint64_t>(raw, n, out);
  }
}

std::string shape_text(const std::vector<int64_t>& shape) { return shape.empty() ? "()" : shape_string(shape); }

}  // namespace

int64_t NpyHeader::row_size() const {
  int64_t size = 1;
  for (size_t d = 1; d < shape.size(); ++d) size *= shape[d];  // cannot overflow: read_npy_header checked it
  return size;
}

Result<NpyHeader> read_npy_header(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path + ": cannot open (" + std::strerror(errno) + ")");
  std::error_code ec;
  const auto file_size = static_cast<int64_t>(std::filesystem::file_size(path, ec));
  if (ec) return make_error(path + ": cannot read its size (" + ec.message() + ")");

  unsigned char preamble[12];
  if (!in.read(reinterpret_cast<char*>(preamble), 8)) return make_error(path + ": file too short for a .npy header");
  if (std::memcmp(preamble, "\x93NUMPY", 6) != 0)
    return make_error(path + ": not a .npy file (it does not start with \\x93NUMPY)");
  const int major = preamble[6], minor = preamble[7];
  if (major < 1 || major > 3 || minor != 0)
    return make_error(path + ": unsupported .npy format version " + std::to_string(major) + "." +
                      std::to_string(minor) + " (expected 1.0, 2.0 or 3.0)");
  const int length_bytes = major == 1 ? 2 : 4;
  if (!in.read(reinterpret_cast<char*>(preamble + 8), length_bytes))
    return make_error(path + ": truncated .npy header (no header length)");
  const uint32_t header_bytes = little_endian(preamble + 8, length_bytes);
  if (header_bytes > kMaxHeaderBytes)
    return make_error(path + ": .npy header length " + std::to_string(header_bytes) + " is implausibly large");
  std::string text(header_bytes, '\0');
  if (!in.read(text.data(), header_bytes))
    return make_error(path + ": truncated .npy header (declares " + std::to_string(header_bytes) +
                      " bytes, the file ends first)");

  NpyHeader header;
  header.path = path;
  header.data_offset = 8 + length_bytes + header_bytes;
  bool fortran = false;
  if (std::string why = HeaderParser(text).parse(&header.descr, &fortran, &header.shape); !why.empty())
    return make_error(path + ": .npy header does not parse: " + why);
  if (fortran)
    return make_error(path + ": fortran_order is True (column-major arrays are not supported; save "
                             "np.ascontiguousarray(a))");
  Dtype dtype{};
  if (std::string why = parse_descr(header.descr, &dtype); !why.empty()) return make_error(path + ": " + why);
  header.kind = dtype.kind;
  header.value_bytes = dtype.bytes;
  header.element_type = dtype.name;

  // The product of the non-zero extents bounds every partial product, so no size computed later can overflow
  // (and a zero extent cannot hide an overflowing row size).
  int64_t nonzero = 1, bytes = 0;
  for (int64_t extent : header.shape)
    if (extent != 0 && !multiply(nonzero, extent, &nonzero))
      return make_error(path + ": shape " + shape_text(header.shape) + " has more values than can be addressed");
  const bool empty = std::find(header.shape.begin(), header.shape.end(), 0) != header.shape.end();
  const int64_t values = empty ? 0 : nonzero;
  if (!multiply(values, dtype.bytes, &bytes) || bytes > kMaxInt64 - header.data_offset)
    return make_error(path + ": shape " + shape_text(header.shape) + " has more bytes than can be addressed");
  if (file_size - header.data_offset < bytes)
    return make_error(path + ": truncated: shape " + shape_text(header.shape) + " of " + dtype.name + " needs " +
                      std::to_string(bytes) + " bytes of data but only " +
                      std::to_string(std::max<int64_t>(file_size - header.data_offset, 0)) + " follow the header");
  return header;
}

Result<std::vector<float>> read_npy_rows(const NpyHeader& header, int64_t first, int64_t count) {
  const int64_t rows = header.rows();
  if (first < 0 || count < 0 || first > rows || count > rows - first)
    return make_error(header.path + ": rows " + std::to_string(first) + ".." + std::to_string(first + count - 1) +
                      " requested but the array has " + std::to_string(rows));
  const int64_t row_size = header.row_size();
  std::vector<float> out;
  try {
    out.resize(static_cast<size_t>(count * row_size));  // bounded by the file size read_npy_header checked
  } catch (const std::bad_alloc&) {
    return make_error(header.path + ": not enough memory for " + std::to_string(count * row_size) + " values");
  }
  std::ifstream in(header.path, std::ios::binary);
  if (!in) return make_error(header.path + ": cannot open (" + std::strerror(errno) + ")");
  in.seekg(header.data_offset + first * row_size * header.value_bytes);

  const int64_t total = count * row_size;
  const int64_t chunk_values = std::max<int64_t>(1, kChunkBytes / header.value_bytes);
  std::vector<unsigned char> buffer(static_cast<size_t>(std::min(total, chunk_values) * header.value_bytes));
  for (int64_t done = 0; done < total;) {
    const int64_t n = std::min(total - done, chunk_values);
    // The size was checked when the header was read; failing here means the file shrank since.
    if (!in.read(reinterpret_cast<char*>(buffer.data()), n * header.value_bytes))
      return make_error(header.path + ": truncated: the file ended while reading rows " + std::to_string(first) +
                        ".." + std::to_string(first + count - 1));
    convert(header.kind, header.value_bytes, buffer.data(), n, out.data() + done);
    done += n;
  }
  return out;
}

}  // namespace ms::data
