// Image-folder datasets (data/image_folder_reader.h): one PNG/JPEG per class, decoded by stb_image.
#include "core/data/image_folder_reader.h"
#include "tests/fuzz/fuzz_scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ms::fuzz::write_scratch("images/cat/a.png", data, size);
  ms::fuzz::write_scratch("images/dog/b.jpg", data, size);
  (void)ms::data::read_image_folder(ms::fuzz::scratch_folder() + "/images");
  return 0;
}
