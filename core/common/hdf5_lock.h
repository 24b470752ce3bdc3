// Debian's HDF5 is built without thread safety, and the GUI reads a project on one worker thread while an analysis
// writes it (and its activation cache) on another. Every function that uses HDF5 holds this process-wide lock for
// as long as it has HDF5 objects alive (take it first, so those objects are destroyed before it is released).
#pragma once

#include <mutex>

namespace ms {

inline std::unique_lock<std::recursive_mutex> lock_hdf5() {
  static std::recursive_mutex mutex;  // one object for the whole program (inline function, C++17)
  return std::unique_lock<std::recursive_mutex>(mutex);
}

}  // namespace ms
