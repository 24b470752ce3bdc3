// The model's output for every input: logits for classification checkpoints.
//
// Inputs:
//   model, X, item_shape, options  as for extract_activations
// Outputs:
//   n by C logits (the forward's single tensor output, flattened per item)
#pragma once

#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/model/batch_options.h"
#include "core/model/model.h"

namespace ms::model {

Result<Eigen::MatrixXf> compute_logits(Model& model, const Eigen::Ref<const RowMatrixXf>& X,
                                       const std::vector<int64_t>& item_shape, const BatchOptions& options,
                                       Progress& progress, CancelToken& cancel);

}  // namespace ms::model
