#include "core/pipeline/layer_projection.h"

#include <algorithm>
#include <numeric>
#include <optional>

#include "core/common/number_text.h"
#include "core/data/dataset_registry.h"
#include "core/data/sampling.h"
#include "core/geometry/glue.h"
#include "core/geometry/glue_centers.h"
#include "core/geometry/projection_center_plane.h"
#include "core/geometry/projection_pca.h"
#include "core/model/activation_sink.h"
#include "core/model/compute_logits.h"
#include "core/model/extract_activations.h"
#include "core/model/layer_selection.h"
#include "core/pipeline/checkpoint_info.h"
#include "core/pipeline/dataset_matrix.h"

namespace ms::pipeline {
namespace {

// The items `rows` of `dataset` as a dataset of their own (item i = rows[i]), shared by the cached inputs.
std::shared_ptr<data::Dataset> gather(const data::Dataset& dataset, const std::vector<int64_t>& rows) {
  return std::make_shared<data::Dataset>(data::take_rows(dataset, rows));
}

Eigen::VectorXi argmax_rows(const Eigen::MatrixXf& logits) {
  Eigen::VectorXi out(logits.rows());
  for (Eigen::Index i = 0; i < logits.rows(); ++i) logits.row(i).maxCoeff(&out[i]);
  return out;
}

Eigen::VectorXd column_variance(const Eigen::MatrixXd& points) {
  if (points.rows() < 2) return Eigen::VectorXd::Zero(points.cols());
  const Eigen::MatrixXd centred = points.rowwise() - points.colwise().mean();
  return centred.colwise().squaredNorm().transpose() / static_cast<double>(points.rows() - 1);
}

}  // namespace

const char* to_string(ProjectionBasis basis) {
  switch (basis) {
    case ProjectionBasis::points_pca: return "pca";
    case ProjectionBasis::center_plane: return "center_plane";
    case ProjectionBasis::anchor_view: return "anchor_view";
    case ProjectionBasis::umap: return "umap";
    case ProjectionBasis::tsne: return "tsne";
  }
  return "pca";
}

bool parse_projection_basis(const std::string& name, ProjectionBasis* out) {
  for (ProjectionBasis b : {ProjectionBasis::points_pca, ProjectionBasis::center_plane, ProjectionBasis::anchor_view,
                            ProjectionBasis::umap, ProjectionBasis::tsne})
    if (name == to_string(b)) return *out = b, true;
  return false;
}

bool is_embedding(ProjectionBasis basis) { return basis == ProjectionBasis::umap || basis == ProjectionBasis::tsne; }

// What stepping through the layers of one checkpoint reuses.
struct LayerProjector::Cache {
  // ID part: checkpoint, dataset, per_class, seed.
  std::string checkpoint, id_dataset;
  int per_class = 0;
  uint64_t seed = 0;
  std::optional<model::Model> model;
  std::vector<model::LayerInfo> layers;
  model::BatchOptions batch;
  std::vector<int64_t> indices;
  std::vector<int32_t> id_labels;  // of the whole ID dataset: a shifted copy must have the same
  std::vector<int64_t> id_shape;
  std::shared_ptr<const data::Dataset> inputs;
  Eigen::VectorXi labels, predictions;
  // Shifted part (valid when shifted_dataset is not empty).
  std::string shifted_dataset;
  std::shared_ptr<const data::Dataset> shifted_inputs;
  Eigen::VectorXi shifted_predictions;
};

LayerProjector::LayerProjector() = default;
LayerProjector::~LayerProjector() = default;

namespace {

// The model, its layers, the sample and its predictions, into a fresh cache.
Status prepare_id(LayerProjector::Cache& cache, const ProjectionRequest& request, Progress& progress,
                  CancelToken& cancel);

// The request's embedding options with the method and dimensions the basis and dimensions choose.
geometry::EmbeddingOptions embedding_options(const ProjectionRequest& request) {
  geometry::EmbeddingOptions options = request.embedding;
  options.method = request.basis == ProjectionBasis::tsne ? geometry::EmbeddingMethod::tsne
                                                          : geometry::EmbeddingMethod::umap;
  options.dimensions = request.dimensions;
  return options;
}

Status check_request(const ProjectionRequest& request) {
  if (request.dimensions != 2 && request.dimensions != 3)
    return make_error("projection: dimensions must be 2 or 3, got " + std::to_string(request.dimensions));
  if (request.per_class < 2) return make_error("projection: at least 2 samples per class are needed");
  if (is_embedding(request.basis))  // the parameters now; the number of points once the sample is drawn
    if (Status s = geometry::check_embedding_options(embedding_options(request), 1L << 40); !s.ok())
      return make_error("projection: " + s.error());
  return Ok{};
}

// The shifted copy's sample and predictions, when the request names another one than the cache holds.
Status prepare_shifted(LayerProjector::Cache& cache, const ProjectionRequest& request, Progress& progress,
                       CancelToken& cancel) {
  if (cache.shifted_dataset == request.shifted_dataset) return Ok{};
  cache.shifted_dataset.clear();
  cache.shifted_inputs.reset();
  cache.shifted_predictions.resize(0);
  if (request.shifted_dataset.empty()) return Ok{};
  progress.report(0.3, "reading " + request.shifted_dataset);
  auto shifted = data::open_dataset(request.shifted_dataset);
  if (!shifted) return make_error(shifted.error());
  if (shifted->item_shape != cache.id_shape || shifted->labels != cache.id_labels)
    return make_error(request.shifted_dataset + ": not a shifted copy of " + request.id_dataset +
                      " (different items, labels or shape)");
  auto inputs = gather(*shifted, cache.indices);
  SliceProgress logit_progress(progress, 0.35, 0.4, "predictions on " + request.shifted_dataset + ": ");
  auto logits = model::compute_logits(*cache.model, as_matrix(*inputs), inputs->item_shape, cache.batch,
                                      logit_progress, cancel);
  if (!logits) return make_error(request.checkpoint + ", " + request.shifted_dataset + ": " + logits.error());
  cache.shifted_predictions = argmax_rows(*logits);
  cache.shifted_inputs = std::move(inputs);
  cache.shifted_dataset = request.shifted_dataset;
  return Ok{};
}

// The layer the request names (an id, or a name model::select_layers knows: module output, glob, keyword), else
// the final classifier's input.
Result<int> chosen_layer(const LayerProjector::Cache& cache, const ProjectionRequest& request) {
  auto named = model::select_layers(cache.layers, {request.layer.empty() ? "penultimate" : request.layer});
  if (named) return static_cast<int>(named->front());
  if (request.layer.empty() && !cache.layers.empty())
    return static_cast<int>(cache.layers.size()) - (cache.layers.size() >= 2 ? 2 : 1);  // no linear classifier
  return make_error(request.checkpoint + ": " + named.error());
}

// One tap pass over `inputs`, this layer only.
Result<Eigen::MatrixXd> layer_activations(LayerProjector::Cache& cache, const ProjectionRequest& request,
                                          const model::LayerInfo& info, const data::Dataset& inputs, Progress& stage,
                                          CancelToken& cancel) {
  std::vector<int64_t> rows(static_cast<size_t>(inputs.count()));
  std::iota(rows.begin(), rows.end(), 0);
  model::SubsetSink sink(rows);
  if (Status s = model::extract_activations(*cache.model, as_matrix(inputs), inputs.item_shape, {info.id}, cache.batch,
                                            sink, stage, cancel);
      !s.ok())
    return make_error(request.checkpoint + ", layer " + info.id + ": " + s.error());
  return Eigen::MatrixXd(sink.matrices()[0].cast<double>());
}

// GLUE's anchor centers and active anchors of the drawn sample, in the points' frame, with each anchor's class.
struct AnchorGeometry {
  Eigen::MatrixXd centers, anchors;
  std::vector<int> anchor_classes;
};

Result<AnchorGeometry> anchor_geometry(const Eigen::MatrixXd& X, const Eigen::VectorXi& labels, int P,
                                       const ProjectionRequest& request, Progress& progress, CancelToken& cancel) {
  geometry::GlueOptions glue_options = request.glue;
  glue_options.points_per_manifold = request.per_class;
  auto glue = geometry::glue(X, labels, glue_options, &progress, &cancel);
  if (!glue) return make_error(glue.error());
  // Anchors are formed from the preprocessed points; the removed mean goes back so they sit among the points.
  auto in_point_frame = [&](Eigen::MatrixXd rows) {
    if (glue->mean_removed.size() > 0) rows.rowwise() += glue->mean_removed;
    return rows;
  };
  AnchorGeometry out;
  out.centers = in_point_frame(geometry::glue_vectors(X, *glue, glue->center_weights));
  std::vector<Eigen::RowVectorXd> rows;
  for (Eigen::Index k = 0; k < glue->anchor_weights.cols(); ++k) {
    const Eigen::MatrixXd S = in_point_frame(geometry::glue_vectors(X, *glue, glue->anchor_weights.col(k)));
    for (int mu = 0; mu < P; ++mu)
      if (glue->anchor_active(mu, k)) rows.push_back(S.row(mu)), out.anchor_classes.push_back(mu);
  }
  out.anchors.resize(static_cast<Eigen::Index>(rows.size()), X.cols());
  for (size_t a = 0; a < rows.size(); ++a) out.anchors.row(static_cast<Eigen::Index>(a)) = rows[a];
  return out;
}

// P by d class means of X (rows of a class without samples stay 0).
Eigen::MatrixXd class_means(const Eigen::MatrixXd& X, const Eigen::VectorXi& labels, int P) {
  Eigen::MatrixXd means = Eigen::MatrixXd::Zero(P, X.cols());
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(P);
  for (Eigen::Index i = 0; i < X.rows(); ++i) means.row(labels[i]) += X.row(i), counts[labels[i]] += 1;
  for (int mu = 0; mu < P; ++mu)
    if (counts[mu] > 0) means.row(mu) /= counts[mu];
  return means;
}

// What every projection of this layer shares: the layers, the sample, its labels, predictions and inputs.
LayerProjection base_projection(const LayerProjector::Cache& cache, int layer) {
  LayerProjection out;
  out.layers = cache.layers;
  out.layer_index = layer;
  out.class_names = cache.inputs->class_names;
  out.indices = cache.indices;
  out.labels = cache.labels;
  out.predictions = cache.predictions;
  out.shifted_predictions = cache.shifted_predictions;
  out.inputs = cache.inputs;
  out.shifted_inputs = cache.shifted_inputs;
  return out;
}

// The basis the request asks for, fitted to the points, the class means or the anchors.
Result<geometry::Projection> fit_basis(const ProjectionRequest& request, const Eigen::MatrixXd& X,
                                       const Eigen::MatrixXd& means, const Eigen::MatrixXd& anchors) {
  const long k = request.dimensions;
  switch (request.basis) {
    case ProjectionBasis::points_pca: return geometry::pca_projection(X, k);
    case ProjectionBasis::center_plane: return geometry::center_plane_projection(X, means, k);
    case ProjectionBasis::anchor_view:
      if (anchors.rows() <= k)
        return make_error("the anchor view needs more than " + std::to_string(k) + " active anchors, GLUE kept " +
                          std::to_string(anchors.rows()));
      return geometry::pca_projection(anchors, k);
    case ProjectionBasis::umap:
    case ProjectionBasis::tsne: break;  // layouts, not bases: project_embedded
  }
  return make_error("unknown projection basis");
}

}  // namespace

Result<LayerProjection> LayerProjector::project(const ProjectionRequest& request, Progress& progress,
                                                CancelToken& cancel) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto cancelled_or = [&](const std::string& message) {
    return cancel.cancelled() ? make_cancelled() : make_error(message);
  };
  if (cancel.cancelled()) return make_cancelled();
  if (Status checked = check_request(request); !checked.ok()) return make_error(checked.error());

  // 1. Model, layers, sample and predictions: reused when only the layer, basis or shift changed.
  const bool same_id = cache_ && cache_->checkpoint == request.checkpoint && cache_->id_dataset == request.id_dataset &&
                       cache_->per_class == request.per_class && cache_->seed == request.seed;
  if (!same_id) {
    cache_.reset();
    auto fresh = std::make_unique<Cache>();
    SliceProgress stage(progress, 0.0, 0.3, "");
    if (Status s = prepare_id(*fresh, request, stage, cancel); !s.ok()) return cancelled_or(s.error());
    cache_ = std::move(fresh);
  }
  Cache& cache = *cache_;
  if (Status s = prepare_shifted(cache, request, progress, cancel); !s.ok()) return cancelled_or(s.error());
  if (cancel.cancelled()) return make_cancelled();

  // 2. The layer.
  auto layer = chosen_layer(cache, request);
  if (!layer) return make_error(layer.error());
  if (is_embedding(request.basis)) return project_embedded(request, *layer, progress, cancel);
  const model::LayerInfo& info = cache.layers[*layer];

  // 3. One tap pass per data set, only this layer.
  SliceProgress id_stage(progress, 0.4, 0.5, "activations of " + info.id + ": ");
  auto X = layer_activations(cache, request, info, *cache.inputs, id_stage, cancel);
  if (!X) return cancelled_or(X.error());
  std::optional<Eigen::MatrixXd> Y;
  if (cache.shifted_inputs) {
    SliceProgress shifted_stage(progress, 0.5, 0.6, "shifted activations of " + info.id + ": ");
    auto shifted = layer_activations(cache, request, info, *cache.shifted_inputs, shifted_stage, cancel);
    if (!shifted) return cancelled_or(shifted.error());
    Y = std::move(shifted).value();
  }

  // 4. GLUE anchors on the drawn sample, and the class means.
  const int P = static_cast<int>(cache.inputs->class_names.size());
  AnchorGeometry anchors{Eigen::MatrixXd(0, X->cols()), Eigen::MatrixXd(0, X->cols()), {}};
  if (request.anchors || request.basis == ProjectionBasis::anchor_view) {
    SliceProgress glue_stage(progress, 0.6, 0.95, "GLUE anchors of " + info.id + ": ");
    auto made = anchor_geometry(*X, cache.labels, P, request, glue_stage, cancel);
    if (!made) return cancelled_or(request.checkpoint + ", layer " + info.id + ": " + made.error());
    anchors = std::move(made).value();
  }
  const Eigen::MatrixXd means_d = class_means(*X, cache.labels, P);
  if (cancel.cancelled()) return make_cancelled();

  // 5. One basis for everything.
  progress.report(0.95, "projecting " + info.id);
  const long k = request.dimensions;
  auto fitted = fit_basis(request, *X, means_d, anchors.anchors);
  if (!fitted) return make_error(request.checkpoint + ", layer " + info.id + ": " + fitted.error());

  LayerProjection out = base_projection(cache, *layer);
  out.points = request.basis == ProjectionBasis::points_pca ? fitted->coordinates : geometry::project_points(*X, *fitted);
  if (Y) out.shifted_points = geometry::project_points(*Y, *fitted);
  out.class_means = geometry::project_points(means_d, *fitted);
  out.anchor_centers =
      anchors.centers.rows() > 0 ? geometry::project_points(anchors.centers, *fitted) : Eigen::MatrixXd(0, k);
  out.anchors = anchors.anchors.rows() > 0 ? geometry::project_points(anchors.anchors, *fitted) : Eigen::MatrixXd(0, k);
  out.anchor_labels = Eigen::Map<const Eigen::VectorXi>(anchors.anchor_classes.data(),
                                                        static_cast<Eigen::Index>(anchors.anchor_classes.size()));
  out.variance = column_variance(out.points);
  progress.report(1.0, "done");
  return out;
}

namespace {

Status prepare_id(LayerProjector::Cache& cache, const ProjectionRequest& request, Progress& progress,
                  CancelToken& cancel) {
  progress.report(0.0, "loading " + request.checkpoint);
  auto loaded = model::load_model(request.checkpoint);
  if (!loaded) return make_error(loaded.error());
  progress.report(0.1, "reading " + request.id_dataset);
  auto id = data::open_dataset(request.id_dataset);
  if (!id) return make_error(id.error());
  if (!id->is_image()) return make_error(request.id_dataset + ": the models need images, this dataset holds vectors");
  auto layers = loaded->layers(id->item_shape);
  if (!layers) return make_error(layers.error());
  if (layers->empty()) return make_error(request.checkpoint + ": no layer to tap");
  auto declared = sidecar_normalization(request.checkpoint);
  if (!declared) return make_error(declared.error());
  cache.batch = request.batch;
  if (*declared) cache.batch.normalization = **declared;
  else if (cache.batch.normalization.scale == 1.0f && id->element_type == "uint8") cache.batch.normalization.scale = 1.0f / 255.0f;

  auto rows = data::sample_per_class(id->labels, id->num_classes(), {request.per_class, request.seed, true, 2});
  if (!rows) return make_error(request.id_dataset + ": " + rows.error());
  if (cancel.cancelled()) return make_cancelled();
  cache.indices = std::move(rows).value();
  cache.id_labels = id->labels;
  cache.id_shape = id->item_shape;
  auto inputs = gather(*id, cache.indices);
  cache.labels = Eigen::Map<const Eigen::Matrix<int32_t, Eigen::Dynamic, 1>>(
                     inputs->labels.data(), static_cast<Eigen::Index>(inputs->labels.size())).cast<int>();
  SliceProgress logit_progress(progress, 0.3, 1.0, "predictions: ");
  auto logits = model::compute_logits(*loaded, as_matrix(*inputs), inputs->item_shape, cache.batch, logit_progress,
                                      cancel);
  if (!logits) return make_error(request.checkpoint + ": " + logits.error());
  cache.predictions = argmax_rows(*logits);
  cache.inputs = std::move(inputs);
  cache.model.emplace(std::move(loaded).value());
  cache.layers = std::move(layers).value();
  cache.checkpoint = request.checkpoint;
  cache.id_dataset = request.id_dataset;
  cache.per_class = request.per_class;
  cache.seed = request.seed;
  return Ok{};
}

}  // namespace

namespace {

// Layouts kept per projector; a sample's layout is a few thousand numbers, the cap only bounds a long session.
constexpr size_t kMaxLayouts = 256;
// Wider layers are embedded on this many principal components: the neighbour search's cost grows with d, and the
// leading components carry the neighbourhoods (the usual practice before UMAP and t-SNE).
constexpr long kEmbeddingComponents = 50;

// Everything a layout depends on; threads do not change it (projection_embedding.h).
std::string layout_key(const ProjectionRequest& request, const std::string& layer) {
  return request.checkpoint + '\n' + request.id_dataset + '\n' + layer + '\n' + layout_name(request);
}

// The points the layout is fitted to: the first kEmbeddingComponents principal components when X is wider.
Result<Eigen::MatrixXd> embedding_input(Eigen::MatrixXd X) {
  if (X.cols() <= kEmbeddingComponents || X.rows() <= kEmbeddingComponents) return X;
  auto pca = geometry::pca_projection(X, kEmbeddingComponents);
  if (!pca) return make_error(pca.error());
  return std::move(pca->coordinates);
}

// One line for the view: the method and its parameters, what was fitted, and what this mode does not show.
std::string layout_note(const ProjectionRequest& request, long n, long d, bool shifted) {
  const geometry::EmbeddingOptions o = embedding_options(request);
  std::string note = o.method == geometry::EmbeddingMethod::umap
                         ? "UMAP (" + std::to_string(o.neighbours) + " neighbours, min_dist " + number_text(o.min_dist)
                         : "t-SNE (perplexity " + number_text(o.perplexity);
  note += o.iterations > 0 ? ", " + std::to_string(o.iterations) + " iterations" : std::string();
  note += ", seed " + std::to_string(o.seed) + ") of " + std::to_string(n) + " ID points";
  if (shifted) note += " and their " + std::to_string(n) + " shifted copies, fitted jointly (a layout cannot place new points)";
  if (d > kEmbeddingComponents && (shifted ? 2 * n : n) > kEmbeddingComponents)
    note += "; on the first " + std::to_string(kEmbeddingComponents) + " principal components of " + std::to_string(d) +
            " features";
  return note + ". No GLUE anchors in this mode.";
}

// The layer's ID (and shifted) points fitted jointly: ID rows first, then shifted.
Result<Eigen::MatrixXd> fit_layout(LayerProjector::Cache& cache, const ProjectionRequest& request,
                                   const model::LayerInfo& info, Progress& progress, CancelToken& cancel) {
  SliceProgress id_stage(progress, 0.4, 0.5, "activations of " + info.id + ": ");
  auto X = layer_activations(cache, request, info, *cache.inputs, id_stage, cancel);
  if (!X) return make_error(X.error());
  const Eigen::Index n = X->rows();
  Eigen::MatrixXd joint = std::move(X).value();
  if (cache.shifted_inputs) {
    SliceProgress shifted_stage(progress, 0.5, 0.55, "shifted activations of " + info.id + ": ");
    auto Y = layer_activations(cache, request, info, *cache.shifted_inputs, shifted_stage, cancel);
    if (!Y) return make_error(Y.error());
    joint.conservativeResize(2 * n, Eigen::NoChange);
    joint.bottomRows(n) = *Y;
  }
  progress.report(0.55, "principal components of " + info.id);
  auto input = embedding_input(std::move(joint));
  if (!input) return make_error(request.checkpoint + ", layer " + info.id + ": " + input.error());
  const char* method = request.basis == ProjectionBasis::umap ? "UMAP of " : "t-SNE of ";
  SliceProgress fit_stage(progress, 0.6, 1.0, method + info.id + ": ");
  auto fitted = geometry::embed_points(*input, embedding_options(request), fit_stage, &cancel);
  if (!fitted) return make_error(request.checkpoint + ", layer " + info.id + ": " + fitted.error());
  return fitted;
}

}  // namespace

std::string layout_name(const ProjectionRequest& request) {
  const geometry::EmbeddingOptions o = embedding_options(request);
  std::string name = to_string(request.basis) + std::string(" ") + std::to_string(o.dimensions) + "D, ";
  name += o.method == geometry::EmbeddingMethod::umap
              ? std::to_string(o.neighbours) + " neighbours, min_dist " + number_text(o.min_dist)
              : "perplexity " + number_text(o.perplexity);
  name += ", iterations " + std::to_string(o.iterations) + ", seed " + std::to_string(o.seed) + "; sample " +
          std::to_string(request.per_class) + "/class seed " + std::to_string(request.seed);
  return request.shifted_dataset.empty() ? name : name + "; shifted " + request.shifted_dataset;
}

Result<LayerProjection> LayerProjector::project_embedded(const ProjectionRequest& request, int layer,
                                                         Progress& progress, CancelToken& cancel) {
  Cache& cache = *cache_;
  const model::LayerInfo& info = cache.layers[layer];
  const bool shifted = cache.shifted_inputs != nullptr;
  const Eigen::Index n = cache.labels.size();
  const std::string key = layout_key(request, info.id);
  auto found = layouts_.find(key);
  if (found == layouts_.end()) {
    Layout made;
    made.note = layout_note(request, static_cast<long>(n), static_cast<long>(info.size()), shifted);
    const Eigen::MatrixXd& saved = request.stored_layout;
    if (saved.rows() == (shifted ? 2 : 1) * n && saved.cols() == request.dimensions && saved.allFinite()) {
      made.points = saved;
      made.stored = true;
      made.note += " Saved in the project.";
    } else {
      auto fitted = fit_layout(cache, request, info, progress, cancel);
      if (!fitted) return cancel.cancelled() ? make_cancelled() : make_error(fitted.error());
      made.points = std::move(fitted).value();
    }
    if (layouts_.size() >= kMaxLayouts) layouts_.erase(layouts_.begin());
    found = layouts_.emplace(key, std::move(made)).first;
  }
  const Layout& layout = found->second;
  LayerProjection out = base_projection(cache, layer);
  out.points = layout.points.topRows(n);
  if (shifted) out.shifted_points = layout.points.bottomRows(n);
  out.class_means = class_means(out.points, cache.labels, static_cast<int>(out.class_names.size()));
  out.anchor_centers = out.anchors = Eigen::MatrixXd(0, request.dimensions);
  out.variance = column_variance(out.points);
  out.joint_fit = shifted;
  out.note = layout.note;
  out.layout_name = layout_name(request);
  out.layout_stored = layout.stored;
  progress.report(1.0, "done");
  return out;
}

Result<LayerProjection> project_layer(const ProjectionRequest& request, Progress& progress, CancelToken& cancel) {
  LayerProjector projector;
  return projector.project(request, progress, cancel);
}

}  // namespace ms::pipeline
