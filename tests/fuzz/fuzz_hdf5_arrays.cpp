// HDF5 arrays datasets (data/hdf5_array_reader.h): a valid features + labels file with its content edited by the
// fuzzer (hdf5_edits.h) must open or be refused with a message.
#include "core/data/hdf5_array_reader.h"
#include "tests/fuzz/fuzz_scratch.h"
#include "tests/fuzz/hdf5_edits.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  const std::string path = ms::fuzz::scratch_folder() + "/arrays.h5";
  ms::fuzz::write_edited_hdf5(MS_FUZZ_BASE_DIR "/features-labels.h5", path, input);
  for (const char* values : {"features", "images"}) (void)ms::data::read_hdf5_arrays(path, values, "labels");
  return 0;
}
