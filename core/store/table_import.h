// A results table read as a project, so every view that reads a *.msproj works on a tidy CSV too: the authors'
// released sweep (one row per checkpoint) or ManifoldScope's own results CSV (one row per checkpoint x layer).
//
// table_project(table, roles)
//   Inputs:  a parsed CSV (core/stats/csv_table.h) and one role per column (table_roles.h; guessed or chosen).
//   Output:  a Project with
//     checkpoints  one per distinct checkpoint id, in first-seen order: the checkpoint column, or without one
//                  "<architecture> <key>=<value> ..." of the architecture and hyper-parameter columns; its
//                  architecture and hyper-parameters (text as written); no file (path "").
//     geometry     one entry per row on the ID dataset kTableIdDataset: the layer column (else the layer_index
//                  text, else kTableLayer), markers["layer_index"] = the layer_index column (else the row's position
//                  among its checkpoint's rows), and every marker column. A marker column ending in kIdSuffix is
//                  read without it (dimension_id -> dimension): the views correlate markers of the ID set; columns
//                  on other data (dimension_train, dimension_ood) are ignored by the guess, and keep their full
//                  names when chosen as markers.
//     evaluations  per checkpoint: on kTableIdDataset "accuracy" (the id_accuracy column) and each id_metric
//                  column named by metric_name (id_loss -> loss, loss_test -> loss, acc_train -> train_accuracy);
//                  per OOD accuracy column a set of its own: acc_<set> as an OOD set <set> (a datasets entry of
//                  kind kOodSetKind, so the views' target key is the column's name: acc_lp_ood, acc_fog:3; another
//                  name N is the set N, key acc_N), probe_accuracy_<set> as a transfer set's "probe_accuracy"
//                  (key probe_accuracy_<set>); each target_detail
//                  column on its set (acc_<set>_low/_high/_n -> accuracy_low/_high/n, <metric>_<set> -> metric).
//   A missing value (empty, NaN, NA, ...) leaves the value out, the row stays. A checkpoint's values must agree on
//   all its rows (a per-layer table repeats them). One layer per checkpoint is what a table without layer columns
//   gives: the views' "penultimate" reads a checkpoint's only layer (app/gui/ood_correlation.h).
//   Errors (naming the file, and the line and column where there is one): no numeric column, no marker column, a
//   column whose role admits one column given twice, two columns read as the same marker or metric, a value that
//   is not a number in a numeric column, an empty checkpoint id or layer, the same checkpoint and layer on two
//   lines, a checkpoint whose rows disagree, a detail column of no OOD or transfer set, a table without rows, roles
//   not matching the header.
// read_table_project(path, roles)
//   The same from a file; roles empty = guessed.
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/stats/csv_table.h"
#include "core/store/project.h"
#include "core/store/table_roles.h"

namespace ms::store {

inline const std::string kTableIdDataset = "ID set";  // the dataset a table's markers and ID columns belong to
inline const std::string kTableLayer = "table";       // the one layer of a table without layer columns
inline const std::string kIdSuffix = "_id";           // marker columns measured on the ID set: dimension_id

// The name a column is read as under its role: a marker without kIdSuffix; an ID metric without id_ / _test / _id,
// acc_<x> as <x>_accuracy; an OOD accuracy's set (acc_fog:3 -> fog:3, probe_accuracy_digits -> digits, another
// name -> itself); other roles keep the column's name.
std::string read_as(const std::string& column, ColumnRole role);

Result<Project> table_project(const stats::CsvTable& table, const std::vector<ColumnRole>& roles);

Result<Project> read_table_project(const std::string& path, const std::vector<ColumnRole>& roles = {});

}  // namespace ms::store
