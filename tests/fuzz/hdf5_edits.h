// Structure-aware fuzzing of HDF5-based files (projects, HDF5 arrays datasets). Raw byte mutations of an HDF5 file
// mostly exercise libhdf5's own parser, which is not hardened against malformed files (within seconds it hangs in
// H5HG_read and leaks on error paths). What our readers must survive is a well-formed HDF5 file whose content breaks
// our schema, so the fuzzer's bytes choose edits to a valid base file: objects and attributes removed, attributes
// rewritten with other types and values, datasets rewritten with other types, shapes and values (NaN and Inf
// included), and datasets that declare far more elements than the file holds.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <string>

namespace ms::fuzz {

// Copies `base` to `path` and applies up to `max_edits` edits read from `input`. Aborts only if the copy fails.
void write_edited_hdf5(const std::string& base, const std::string& path, FuzzedDataProvider& input,
                       int max_edits = 8);

}  // namespace ms::fuzz
