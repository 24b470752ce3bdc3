// Activations of many layers from ONE forward pass per batch.
//
// Inputs:
//   model       a loaded checkpoint (its class gains a tap method; use one Model per thread)
//   X           n by (c*h*w) inputs, one row per item (Eigen::Map a Dataset's values: no copy)
//   item_shape  shape of one item, e.g. {1, 28, 28}; its product must equal X.cols()
//   layer_ids   LayerInfo::id values from Model::layers(), any order
//   options     batching, threads, warm-up, normalisation
// Outputs:
//   sink        begin() once with the layers in layer_ids order, then consume() per batch and layer
// Errors: unknown layer, shape mismatch, a forward failure (reason from torch), cancellation.
#pragma once

#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/model/activation_sink.h"
#include "core/model/batch_options.h"
#include "core/model/model.h"

namespace ms::model {

Status extract_activations(Model& model, const Eigen::Ref<const RowMatrixXf>& X,
                           const std::vector<int64_t>& item_shape, const std::vector<std::string>& layer_ids,
                           const BatchOptions& options, ActivationSink& sink, Progress& progress,
                           CancelToken& cancel);

}  // namespace ms::model
