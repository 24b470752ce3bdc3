// The OOD sets of an analysis and the names the results give them: the one place where an evaluation becomes
// "acc_<name>" and back.
//
// A built-in shift of the ID set is evaluated under the dataset id "<id>+<shift>" (the spec that makes the copy,
// e.g. "fashion-mnist:test+fog:3") and named by the shift ("fog:3"). A user set (`analyze --ood-set NAME=SPEC`) is
// evaluated under NAME, with a datasets entry of kind kOodSetKind whose source is SPEC. Either way its accuracy is
// the column / target key "acc_<name>", and its 95 % interval and item count "acc_<name>_low", "_high" and "_n".
#pragma once

#include <string>
#include <vector>

#include "core/store/project.h"

namespace ms::store {

inline const std::string kOodSetKind = "ood-set";

// Metric names of an OOD evaluation besides "accuracy" (and loss and the logit markers).
inline const std::string kAccuracyLow = "accuracy_low";    // Wilson 95 % interval of the accuracy
inline const std::string kAccuracyHigh = "accuracy_high";
inline const std::string kEvaluatedItems = "n";            // items evaluated (the subsample under --ood-limit)
// Label-free estimates of the accuracy, fitted on the ID set's logits (geometry/label_free_accuracy.h); the average
// confidence (AC) is the logit marker "confidence".
inline const std::string kDocAccuracy = "doc_accuracy";        // difference of confidences
inline const std::string kAtcAccuracy = "atc_accuracy";        // ATC, confidence score (ATC-MC)
inline const std::string kAtcNeAccuracy = "atc_ne_accuracy";   // ATC, negative-entropy score (ATC-NE)

struct OodSet {
  std::string name;     // "fog:3", or a user set's NAME
  std::string dataset;  // the evaluations' dataset id
};

// The dataset id a built-in shift of `id_dataset` is evaluated under.
std::string shift_dataset(const std::string& id_dataset, const std::string& shift_label);

// Every OOD set of `id_dataset` with an evaluated accuracy, sorted by name.
std::vector<OodSet> ood_sets(const Project& project, const std::string& id_dataset);

// The OOD set name of an evaluation dataset, "" when it is not one (the ID set, a transfer set).
std::string ood_set_name(const Project& project, const std::string& id_dataset, const std::string& dataset);

// "acc_<name>"; and back: the name in an accuracy key, "" for any other key.
std::string accuracy_key(const std::string& name);
std::string name_of_accuracy_key(const std::string& key);

// The results column of an OOD set's metric: accuracy -> acc_<name>, its interval and count -> acc_<name>_low,
// _high, _n; any other metric (loss, logit markers) -> <metric>_<name>.
std::string ood_metric_column(const std::string& name, const std::string& metric);

}  // namespace ms::store
