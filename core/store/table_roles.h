// What each column of a results table is: the roles a tidy CSV's columns can play when it is read as a project
// (table_import.h), and the guess of them from the header.
//
// guess_column_roles(table)
//   Input:  a parsed CSV (core/stats/csv_table.h).
//   Output: one ColumnRole per header column. Known names decide (case-insensitive):
//     checkpoint       checkpoint, checkpoint_id, ckpt, run, run_id, run_name, model_id, name, id
//     architecture     architecture, arch, arch_name, network, backbone
//     hyper_parameter  lr, learning_rate, weight_decay, wd, optimizer, momentum, batch_size, epochs, dropout, width,
//                      augmentation, scheduler, seed, seed_*, *_seed; and any other column that is not all numbers
//     layer            layer, layer_name;  layer_index: layer_index, layer_idx, depth
//     id_accuracy      acc_test, id_accuracy, test_accuracy, accuracy, acc, acc_id, test_acc
//     id_metric        id_<metric>; loss, auroc, confidence, entropy, atc_score, logit_margin, energy_score (alone
//                      or with _test / _id); accuracies on training or ID data: acc_train, acc_<x>_id, train_acc(uracy)
//     ood_accuracy     acc_<set> (any other acc_ column), probe_accuracy_<set>, and accuracy columns naming ood
//     target_detail    acc_<set>_low / _high / _n and <metric>_<set> for a set of an ood_accuracy column
//                      (ManifoldScope's Wilson intervals, losses, logit markers and label-free estimates per
//                      OOD set, probe details); also accuracy-like names that name no set of their own
//     ignored          numeric columns ending in _train or _ood (markers on training or OOD data: the views
//                      correlate ID markers), and columns with no value at all
//     marker           every other numeric column (dimension_id is read as the marker `dimension`, table_import.h)
//   ManifoldScope's own results CSV (results_table.h) is recognised by its first columns checkpoint, architecture
//   and its layer, layer_index columns: whatever stands between architecture and layer is a hyper-parameter.
//   Missing values (empty, NaN, NA, ...: stats::is_missing_field) do not make a column non-numeric.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/stats/csv_table.h"

namespace ms::store {

enum class ColumnRole {
  checkpoint,       // the checkpoint's id (without one, architecture + hyper-parameters name it)
  architecture,     // groups checkpoints (one column per architecture in the heat map)
  hyper_parameter,  // text kept per checkpoint: colours and groups
  layer,            // layer name (rows per checkpoint x layer)
  layer_index,      // layer depth, orders layers ("penultimate" = second to last)
  marker,           // a geometry marker of the ID set at that layer
  id_accuracy,      // the checkpoint's accuracy on the ID set
  id_metric,        // another per-checkpoint number of the ID evaluation (loss, AUROC, training accuracy, ...)
  ood_accuracy,     // an OOD target: accuracy on an OOD set, or a transfer probe's accuracy
  target_detail,    // another number about an OOD set or transfer set (interval, item count, loss)
  ignored,
};

// Every role, in the order a menu offers them.
const std::vector<ColumnRole>& all_column_roles();

// Stable name ("hyper_parameter"), for settings and messages; and back (nothing for an unknown name).
std::string role_name(ColumnRole role);
std::optional<ColumnRole> role_from_name(const std::string& name);

// A short description for a menu: "hyper-parameter", "OOD accuracy (target)", ...
std::string role_label(ColumnRole role);

// Roles whose values must be numbers.
bool is_numeric_role(ColumnRole role);

std::vector<ColumnRole> guess_column_roles(const stats::CsvTable& table);

}  // namespace ms::store
