// stb_image (third_party/stb: v2.30, newer than Debian 12's) compiled here, not linked from libstb.so, so that its allocations are
// bounded: a PNG chunk length or a JPEG header may declare any size, and stb allocates what is declared before it
// reads the data. A damaged file then fails to decode ("outofmem") instead of reserving gigabytes.
// Only the formats image folders accept (PNG, JPEG) are compiled in.
#include <cstddef>
#include <cstdlib>

namespace {

// The largest image image_folder_reader accepts (16 megapixels, 4 channels: 64 MB) with room for
// its compressed data and stb's working copies.
constexpr size_t kMaxDecodeBytes = size_t{512} << 20;

void* bounded_malloc(size_t bytes) { return bytes > kMaxDecodeBytes ? nullptr : std::malloc(bytes); }
void* bounded_realloc(void* block, size_t bytes) {
  return bytes > kMaxDecodeBytes ? nullptr : std::realloc(block, bytes);
}

}  // namespace

#define STBI_MALLOC(bytes) bounded_malloc(bytes)
#define STBI_REALLOC(block, bytes) bounded_realloc(block, bytes)
#define STBI_FREE(block) std::free(block)
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STB_IMAGE_IMPLEMENTATION
#include "third_party/stb/stb_image.h"
