// Opening a project file (store/project_file.h): a real project (base/demo.msproj, the quick zoo's demo) with its
// content edited by the fuzzer (hdf5_edits.h) must open or be refused with a message.
#include "core/store/project_file.h"
#include "tests/fuzz/fuzz_scratch.h"
#include "tests/fuzz/hdf5_edits.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  const std::string path = ms::fuzz::scratch_folder() + "/sweep.msproj";
  ms::fuzz::write_edited_hdf5(MS_FUZZ_BASE_DIR "/demo.msproj", path, input);
  (void)ms::store::read_project(path);
  return 0;
}
