// Where a project's checkpoints and data are: locations stored relative to the project file's folder (and absolute
// as a fallback), so a project opened from another folder, or moved together with its sweep, still finds them.
// Qt-free: the GUI asks the user (views::ask_file) and gives the answer back here as a folder mapping.
//
// A location is a checkpoint path or a dataset spec (data/dataset_registry.h). Only a spec's file/folder part moves:
//   "DIR/fog.npy:3"          path "DIR/fog.npy", tail ":3"
//   "test_batch.bin+fog:3"   path "test_batch.bin", tail "+fog:3"
//   "x.h5:features:labels"   path "x.h5", tail ":features:labels"
//   "fashion-mnist:test[5,6]@32x32"  no path: a known dataset name
// The path part ends at the first '+', '[', '@' or ':' after its last '/'; it is a path when it has a '/' or its
// last component has an extension ("cifar" alone is a dataset name: write "./cifar").
#pragma once

#include <map>
#include <string>
#include <utility>

#include "core/common/result.h"

namespace ms::store {

struct LocationParts {
  std::string path;  // the file/folder part, empty when the location names no file (a known dataset)
  std::string tail;  // the rest of the spec: location == path + tail
};
LocationParts split_location(const std::string& location);

// The location with its path part absolute against `base` (a folder), or relative to it (lexically, e.g.
// "../data/x.bin"). Unchanged when it has no path part; relative_location keeps a path more than two folders up
// from `base` absolute (it does not move with the project).
std::string absolute_location(const std::string& location, const std::string& base);
std::string relative_location(const std::string& location, const std::string& base);

// Old folder -> new folder. The deepest old folder that holds the path part wins; unchanged when none does.
using Relocations = std::map<std::string, std::string>;
std::string relocate(const std::string& location, const Relocations& relocations);

// A location as a project stores it, resolved in order: the relative one against the project's folder, the absolute
// one, then both moved by `relocations`. Returns the first location whose path part exists (a location without one
// is returned as it is); else an error naming the location and where it looked.
struct StoredLocation {
  std::string relative;  // may be empty (projects saved before)
  std::string absolute;
};
Result<std::string> resolve_location(const StoredLocation& stored, const std::string& project_dir,
                                     const Relocations& relocations);

// The mapping one answer teaches: `missing` (an absolute path part) was in folder F; the user says F is now
// `new_folder`. Returns {F, new_folder}.
std::pair<std::string, std::string> relocation_for(const std::string& missing, const std::string& new_folder);

}  // namespace ms::store
