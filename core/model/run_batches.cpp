// Streaming inputs through a model in batches: activations (tap method) and logits (forward). Torch TU.
#include <ATen/Parallel.h>

#include <functional>
#include <numeric>

#include "core/model/compute_logits.h"
#include "core/model/detail/model_impl.h"
#include "core/model/detail/tap_graph.h"
#include "core/model/extract_activations.h"

namespace ms::model {
namespace {

using BatchFn = std::function<Status(int64_t first_row, const torch::Tensor& batch)>;

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "x" : "") + std::to_string(shape[i]);
  return text;
}

Status check_inputs(const Model& model, const Eigen::Ref<const RowMatrixXf>& X, const std::vector<int64_t>& shape,
                    const BatchOptions& options) {
  int64_t size = std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<>());
  if (shape.empty() || size != X.cols())
    return make_error(model.path() + ": item shape " + shape_text(shape) + " does not match " +
                      std::to_string(X.cols()) + " values per item");
  if (X.rows() == 0) return make_error(model.path() + ": no inputs");
  if (options.batch_size <= 0) return make_error("batch size must be positive");
  const Normalization& norm = options.normalization;
  int64_t channels = shape.size() >= 2 ? shape[0] : 1;
  for (const std::vector<float>* values : {&norm.mean, &norm.std})
    if (values->size() > 1 && static_cast<int64_t>(values->size()) != channels)
      return make_error("normalisation has " + std::to_string(values->size()) + " values for " +
                        std::to_string(channels) + " channels");
  for (float s : norm.std)
    if (!(s > 0)) return make_error("normalisation std must be positive");
  return Ok{};
}

// Rows [first, first + rows) of X as a normalised {rows, shape...} tensor (a copy: inputs are never modified).
torch::Tensor make_batch(const Eigen::Ref<const RowMatrixXf>& X, int64_t first, int64_t rows,
                         const std::vector<int64_t>& shape, const Normalization& norm) {
  torch::Tensor batch = torch::empty({rows, X.cols()}, torch::kFloat32);
  Eigen::Map<RowMatrixXf> out(batch.data_ptr<float>(), rows, X.cols());
  out = X.middleRows(first, rows) * norm.scale;
  std::vector<int64_t> full = {rows};
  full.insert(full.end(), shape.begin(), shape.end());
  batch = batch.view(full);
  if (norm.mean.empty() && norm.std.empty()) return batch;
  // Per-channel constants broadcast over {rows, c, h, w}: shape {1, c, 1, 1}.
  std::vector<int64_t> channel_shape(full.size(), 1);
  auto per_channel = [&](const std::vector<float>& values, float fallback) {
    if (values.empty()) return torch::full({1}, fallback);
    torch::Tensor t = torch::tensor(values);
    if (values.size() > 1) {
      channel_shape[1] = static_cast<int64_t>(values.size());
      t = t.view(channel_shape);
    }
    return t;
  };
  return (batch - per_channel(norm.mean, 0.0f)) / per_channel(norm.std, 1.0f);
}

// Extra calls of a method on the first batch it sees, once per method and model: the profiling executor has settled
// after that, whatever data comes next.
void warm_up_once(Model::Impl& impl, const std::string& method, int times, const std::function<void()>& run) {
  if (impl.warmed.insert(method).second)
    for (int w = 0; w < times; ++w) run();
}

Status for_each_batch(Model& model, const Eigen::Ref<const RowMatrixXf>& X, const std::vector<int64_t>& shape,
                      const BatchOptions& options, const std::string& what, Progress& progress,
                      CancelToken& cancel, const BatchFn& on_batch) {
  if (Status status = check_inputs(model, X, shape, options); !status) return status;
  if (options.threads > 0) at::set_num_threads(options.threads);
  torch::NoGradGuard no_grad;
  const int64_t n = X.rows();
  const int64_t batches = (n + options.batch_size - 1) / options.batch_size;
  try {
    for (int64_t b = 0; b < batches; ++b) {
      if (cancel.cancelled()) return make_cancelled(what);
      int64_t first = b * options.batch_size;
      int64_t rows = std::min(options.batch_size, n - first);
      torch::Tensor batch = make_batch(X, first, rows, shape, options.normalization).to(model.impl().device);
      if (Status status = on_batch(first, batch); !status) return status;
      progress.report(double(b + 1) / double(batches),
                      what + ": batch " + std::to_string(b + 1) + "/" + std::to_string(batches));
    }
  } catch (const std::exception& error) {
    return make_error(model.path() + ": forward failed for input shape " + shape_text(shape) + ": " +
                      detail::short_message(error));
  }
  return Ok{};
}

// Each layer's kept rows, flattened to float32 rows, into the sink. Layers are independent: two at a time on the
// intra-op threads (copying out a wide layer is bound by memory, not by the network).
Status hand_over(const std::vector<torch::Tensor>& outputs, const std::vector<int64_t>& rows,
                 const std::vector<LayerInfo>& layers, ActivationSink& sink) {
  const int64_t count = static_cast<int64_t>(rows.size());
  for (size_t l = 0; l < outputs.size(); ++l)
    if (outputs[l].numel() != count * layers[l].size())
      return make_error("layer '" + layers[l].id + "' changed its shape between batches");
  at::parallel_for(0, static_cast<int64_t>(outputs.size()), 1, [&](int64_t begin, int64_t end) {
    for (int64_t l = begin; l < end; ++l) {
      torch::Tensor flat = outputs[l].reshape({count, -1}).to(torch::kCPU, torch::kFloat32).contiguous();
      sink.consume(static_cast<int>(l), rows, Eigen::Map<const RowMatrixXf>(flat.data_ptr<float>(), count, flat.size(1)));
    }
  });
  return Ok{};
}

// A forward's output as rows x C contiguous float logits on the CPU, or why it is not one tensor.
Result<torch::Tensor> logits_of(const c10::IValue& output, int64_t rows, const std::string& path) {
  if (!output.isTensor()) return make_error(path + ": forward does not return one tensor");
  return output.toTensor().reshape({rows, -1}).to(torch::kCPU, torch::kFloat32).contiguous();
}

// Whether the inference copy's logits are the model's up to the rounding its fused kernels change.
bool same_logits(const torch::Tensor& reference, const torch::Tensor& candidate) {
  if (reference.sizes() != candidate.sizes()) return false;
  const double scale = reference.abs().nan_to_num(0, 0, 0).max().item<double>();
  return torch::allclose(candidate, reference, 1e-3, 1e-4 * scale + 1e-6, /*equal_nan=*/true);
}

// The module logits run through: the inference copy once it is built and has matched the model on `first_batch`
// (the first batch that asks), the model itself when options say so or the copy was refused (noted once, why).
torch::jit::Module& logit_module(Model::Impl& impl, const torch::Tensor& first_batch, const BatchOptions& options,
                                 Progress& progress) {
  using State = Model::Impl::InferenceCopy::State;
  Model::Impl::InferenceCopy& copy = impl.inference;
  if (!options.inference_copy || copy.state == State::refused) return impl.module;
  if (copy.state == State::ready) return copy.module;
  copy.state = State::refused;
  try {
    torch::jit::Module frozen = torch::jit::freeze(impl.module);
    copy.module = torch::jit::optimize_for_inference(frozen);
    const int64_t rows = first_batch.size(0);
    Result<torch::Tensor> reference = logits_of(impl.module.forward({first_batch}), rows, impl.path);
    if (!reference) return impl.module;  // the caller reports what the model's output is
    Result<torch::Tensor> candidate = logits_of(copy.module.forward({first_batch}), rows, impl.path);
    if (!candidate || !same_logits(*reference, *candidate)) {
      progress.note("logits through the model as loaded: its inference-optimised copy disagrees on the first batch");
      return impl.module;
    }
  } catch (const std::exception& error) {
    progress.note("logits through the model as loaded: no inference-optimised copy (" + detail::short_message(error) +
                  ")");
    return impl.module;
  }
  copy.state = State::ready;
  return copy.module;
}

}  // namespace

Status extract_activations(Model& model, const Eigen::Ref<const RowMatrixXf>& X,
                           const std::vector<int64_t>& item_shape, const std::vector<std::string>& layer_ids,
                           const BatchOptions& options, ActivationSink& sink, Progress& progress,
                           CancelToken& cancel) {
  if (layer_ids.empty()) return make_error("no layers chosen");
  Model::Impl& impl = model.impl();
  // Two variants of the tap method: one returning whole batches (for batches the sink keeps entirely) and one
  // selecting the sink's rows inside the network, so that rows nobody keeps are never copied out.
  auto install = [&](bool select_rows) -> Result<std::string> {
    try {
      return detail::install_tap_method(impl, layer_ids, select_rows);
    } catch (const std::exception& error) {
      return make_error(model.path() + ": cannot tap layers: " + detail::short_message(error));
    }
  };
  Result<std::string> whole = install(false);
  if (!whole) return make_error(whole.error());
  Result<std::string> selecting = install(true);
  if (!selecting) return make_error(selecting.error());

  std::vector<detail::TapSite> sites = detail::enumerate_taps(impl.module);
  std::vector<LayerInfo> layers;
  for (const std::string& id : layer_ids)
    for (const detail::TapSite& site : sites)
      if (site.id == id)
        layers.push_back({site.id, site.module_path, site.op, {}, site.module_outputs, site.block, site.penultimate});

  bool begun = false;
  return for_each_batch(
      model, X, item_shape, options, "activations", progress, cancel,
      [&](int64_t first, const torch::Tensor& batch) -> Status {
        const int64_t rows = batch.size(0);
        const std::vector<int64_t> wanted = sink.wanted_rows(first, rows);
        if (begun && wanted.empty()) return Ok{};  // the first batch runs regardless: its shapes begin the sink
        const bool whole_batch = static_cast<int64_t>(wanted.size()) == rows;
        const std::string& method = whole_batch ? *whole : *selecting;
        const torch::Tensor local =
            whole_batch ? torch::Tensor() : (torch::tensor(wanted, torch::kInt64) - first).to(impl.device);
        warm_up_once(impl, method, options.warmup, [&] { detail::run_taps(impl, method, batch, local); });
        detail::TapOutputs outputs = detail::run_taps(impl, method, batch, local);
        for (size_t l = 0; l < layers.size(); ++l)
          if (outputs.site_rows[l] != rows)
            return make_error(model.path() + ": layer '" + layers[l].id + "' has no batch dimension");
        if (!begun) {  // shapes are known once the first batch has run
          for (size_t l = 0; l < layers.size(); ++l) {
            auto sizes = outputs.values[l].sizes();
            layers[l].shape.assign(sizes.begin() + 1, sizes.end());
          }
          sink.begin(layers, X.rows());
          begun = true;
        }
        if (wanted.empty()) return Ok{};
        return hand_over(outputs.values, wanted, layers, sink);
      });
}

Result<Eigen::MatrixXf> compute_logits(Model& model, const Eigen::Ref<const RowMatrixXf>& X,
                                       const std::vector<int64_t>& item_shape, const BatchOptions& options,
                                       Progress& progress, CancelToken& cancel) {
  Model::Impl& impl = model.impl();
  Eigen::MatrixXf logits;
  Status status = for_each_batch(
      model, X, item_shape, options, "logits", progress, cancel,
      [&](int64_t first, const torch::Tensor& batch) -> Status {
        torch::jit::Module& net = logit_module(impl, batch, options, progress);
        const std::string method = &net == &impl.module ? "forward" : "forward (inference copy)";
        warm_up_once(impl, method, options.warmup, [&] { net.forward({batch}); });
        Result<torch::Tensor> values = logits_of(net.forward({batch}), batch.size(0), model.path());
        if (!values) return make_error(values.error());
        const int64_t rows = values->size(0), width = values->size(1);
        if (first == 0) logits.resize(X.rows(), width);
        if (width != logits.cols()) return make_error(model.path() + ": output width changed");
        logits.middleRows(first, rows) = Eigen::Map<const RowMatrixXf>(values->data_ptr<float>(), rows, width);
        return Ok{};
      });
  if (!status) return make_error(status.error());
  return logits;
}

}  // namespace ms::model
