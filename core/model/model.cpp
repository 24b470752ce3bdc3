// Loading TorchScript checkpoints and discovering their layers (torch translation unit).
#include "core/model/model.h"

#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>

#include <torch/csrc/jit/passes/freeze_module.h>
#include <torch/cuda.h>

#include "core/model/detail/model_impl.h"
#include "core/model/detail/tap_graph.h"
#include "core/model/tune_allocator.h"

namespace ms::model {

int64_t LayerInfo::size() const {
  return std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<>());
}

std::string describe(const LayerInfo& layer) {
  std::string text = layer.id + " [";
  for (size_t i = 0; i < layer.shape.size(); ++i) text += (i ? "," : "") + std::to_string(layer.shape[i]);
  return text + "]";
}

Model::Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;
Model::~Model() = default;

const std::string& Model::path() const { return impl_->path; }

namespace detail {

std::string short_message(const std::exception& error) {
  const auto* c10_error = dynamic_cast<const c10::Error*>(&error);
  std::string text = c10_error ? c10_error->what_without_backtrace() : error.what();
  // The interpreter prefixes a TorchScript traceback; the reason is its last "...Error: " line.
  size_t at = text.rfind("Error: ");
  if (at != std::string::npos && text.find("Traceback") != std::string::npos) {
    text = text.substr(at + 7);
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  size_t end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

TapOutputs run_taps(Model::Impl& impl, const std::string& method, const torch::Tensor& batch, const torch::Tensor& rows) {
  std::vector<c10::IValue> inputs{batch};
  if (rows.defined()) inputs.emplace_back(rows);
  c10::IValue result = impl.module.get_method(method)(std::move(inputs));
  TapOutputs outputs;
  for (const c10::IValue& element : result.toTupleRef().elements()) {
    if (element.isInt()) {
      outputs.site_rows.push_back(element.toInt());
    } else {
      outputs.values.push_back(element.toTensor());
      if (!rows.defined()) outputs.site_rows.push_back(outputs.values.back().dim() ? outputs.values.back().size(0) : -1);
    }
  }
  return outputs;
}

}  // namespace detail

namespace {

// "cpu", "cuda", "cuda:N" as a torch device (not yet checked against the machine).
Result<torch::Device> parse_device(const std::string& text) {
  if (text == "cpu") return torch::Device(torch::kCPU);
  if (text == "cuda") return torch::Device(torch::kCUDA, 0);
  const std::string prefix = "cuda:";
  const std::string index = text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : std::string();
  if (!index.empty() && index.size() <= 3 && index.find_first_not_of("0123456789") == std::string::npos)
    return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(std::stoi(index)));
  return make_error("device '" + text + "': expected cpu, cuda or cuda:N");
}

}  // namespace

Status check_device(const std::string& device) {
  auto parsed = parse_device(device);
  if (!parsed) return make_error(parsed.error());
  if (parsed->is_cpu()) return Ok{};
  if (!torch::cuda::is_available())
    return make_error("device '" + device + "': this LibTorch has no CUDA (Debian's libtorch-dev is CPU-only); " +
                      "build against a CUDA LibTorch with -DTorch_DIR=… (see the README), or use --device cpu");
  const int64_t count = static_cast<int64_t>(torch::cuda::device_count());
  if (parsed->index() >= count)
    return make_error("device '" + device + "': this machine has " + std::to_string(count) + " CUDA device(s)");
  return Ok{};
}

std::vector<std::string> available_devices() {
  std::vector<std::string> devices{"cpu"};
  if (torch::cuda::is_available())
    for (size_t i = 0; i < torch::cuda::device_count(); ++i) devices.push_back("cuda:" + std::to_string(i));
  return devices;
}

Result<Model> load_model(const std::string& path, const std::string& device) {
  std::error_code status;
  if (!std::filesystem::is_regular_file(path, status)) return make_error(path + ": no such file");
  if (Status usable = check_device(device); !usable.ok()) return make_error(usable.error());
  tune_allocator();  // batches of layer outputs: reuse freed memory instead of faulting in fresh pages
  auto impl = std::make_unique<Model::Impl>();
  impl->path = path;
  impl->device = *parse_device(device);
  try {
    impl->module = torch::jit::load(path, impl->device);
  } catch (const std::exception& error) {
    return make_error(path + ": not a TorchScript archive (" + detail::short_message(error) + ")");
  }
  if (!impl->module.find_method("forward")) return make_error(path + ": the TorchScript module has no forward method");
  impl->module.eval();
  try {
    impl->module = torch::jit::freeze_module(impl->module);
  } catch (const std::exception&) {
    // Freezing refuses modules that mutate their attributes in forward; they still run, with fewer layers found.
  }
  return Model(std::move(impl));
}

Result<std::vector<LayerInfo>> Model::layers(const std::vector<int64_t>& input_shape) const {
  const std::string shape_text = [&] {
    std::string text;
    for (size_t i = 0; i < input_shape.size(); ++i) text += (i ? "x" : "") + std::to_string(input_shape[i]);
    return text;
  }();
  for (int64_t extent : input_shape)
    if (extent <= 0) return make_error(impl_->path + ": invalid input shape " + shape_text);

  constexpr int64_t kBatch = 2;  // > 1, so that outputs without a batch dimension can be told apart
  try {
    std::vector<detail::TapSite> sites = detail::enumerate_taps(impl_->module);
    std::vector<std::string> ids;
    for (const detail::TapSite& site : sites) ids.push_back(site.id);
    Result<std::string> method = detail::install_tap_method(*impl_, ids, false);
    if (!method) return make_error(method.error());

    std::vector<int64_t> batch_shape = {kBatch};
    batch_shape.insert(batch_shape.end(), input_shape.begin(), input_shape.end());
    torch::NoGradGuard no_grad;
    detail::TapOutputs outputs = detail::run_taps(*impl_, *method, torch::zeros(batch_shape, impl_->device));

    std::vector<LayerInfo> layers;
    for (size_t i = 0; i < sites.size(); ++i) {
      const torch::Tensor& output = outputs.values[i];
      if (outputs.site_rows[i] != kBatch) continue;
      LayerInfo layer{sites[i].id, sites[i].module_path, sites[i].op, {}, sites[i].module_outputs, sites[i].block,
                      sites[i].penultimate};
      for (int64_t d = 1; d < output.dim(); ++d) layer.shape.push_back(output.size(d));
      layers.push_back(std::move(layer));
    }
    return layers;
  } catch (const std::exception& error) {
    return make_error(impl_->path + ": forward failed for input shape " + shape_text + ": " +
                      detail::short_message(error));
  }
}

}  // namespace ms::model
