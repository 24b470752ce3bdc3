// Marker structs as name -> value maps, with the names of the paper's tables (capacity, dimension, ..., nc1, auroc),
// for the project file and the CSV export.
#pragma once

#include <map>
#include <string>

#include "core/geometry/baseline_logits.h"
#include "core/geometry/baseline_markers.h"
#include "core/geometry/glue_result.h"

namespace ms::pipeline {

using MarkerMap = std::map<std::string, double>;

// Mean measures; with repeats > 1 also "<name>_std"; solver diagnostics as "glue_<name>".
MarkerMap glue_markers(const geometry::GlueResult& result);
MarkerMap baseline_markers(const geometry::BaselineMarkers& markers);
MarkerMap logit_markers(const geometry::LogitMarkers& markers);

}  // namespace ms::pipeline
