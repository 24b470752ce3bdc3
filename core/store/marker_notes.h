// Why a stored marker of one layer is missing (NaN) or approximate, in words, so that the tables can say it where
// the number is shown (the Results tab's tooltips): no NaN without its reason, no unconverged GLUE solve unnoticed.
//
// marker_note(markers, name)
//   markers  one layer's stored values (GeometryEntry::markers, or a results-table row read back; NaN = missing)
//   name     the marker asked about ("dimension", "radius_std", "nc1", "glue_failed_solves", ...)
//   Returns "" when there is nothing to say, else one sentence:
//   - a GLUE measure (glue_result.h) that is NaN: the cause the stored diagnostics show (every repeat's points
//     coincident, alignments of a single class, R_eff with anchors at their centers), else "undefined for this
//     layer's geometry" with the spec section;
//   - a GLUE measure of a layer with failed or inaccurate NNLS solves (glue_failed_solves > 0): approximate, with
//     the count and the worst KKT residual; the glue_failed_solves value itself when > 0, likewise;
//   - another marker that is NaN: what makes it undefined (a within-class average without a class of two samples,
//     NC1 of a single class, else a layer without spread).
#pragma once

#include <map>
#include <string>

namespace ms::store {

std::string marker_note(const std::map<std::string, double>& markers, const std::string& name);

// Whether `name` is a GLUE measure or its spread over repeats ("dimension", "dimension_std", ...).
bool is_glue_measure(const std::string& name);

}  // namespace ms::store
