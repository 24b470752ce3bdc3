// layer_projection: one layer of one checkpoint seen in 2D or 3D, on demand (view (a) and the compare view).
// A class-balanced sample of the ID dataset (and optionally the same items of a shifted copy) goes through the model
// tapping only the requested layer; the points, class means, GLUE anchor centers s0 and sample anchors are then
// projected in ONE basis, so everything can be drawn in the same axes. Torch-free header.
//
// Bounded memory and cheap layer stepping: a LayerProjector keeps, per (checkpoint, datasets, per_class, seed), the
// loaded model, its layer list, the sample's input rows (ID and shifted) and their predictions; a new layer of the same
// checkpoint only re-runs one tap pass of the sample (plus GLUE and the projection). Only the requested layer's
// activations are ever held (n by d).
//
// Bases (ProjectionBasis):
//   points_pca    principal directions of the ID points of the layer (origin = their mean): the largest variance.
//   center_plane  the plane (space) of the class means, projection_center_plane.h: the directions that separate the
//                 classes on average; origin 0.
//   anchor_view   principal directions of the GLUE sample anchors s^mu_k (origin = their mean): the directions in which
//                 the anchors - the points of each class manifold that support the separating planes of random
//                 dichotomies - vary, i.e. what D_eff and R_eff measure.
//   umap, tsne    non-linear layouts (geometry/projection_embedding.h) of the layer's points with
//                 request.embedding's parameters, on the first 50 principal components when the layer is wider.
// Shifted points never fit a linear basis: they are projected into the ID basis, so a shift shows as a displacement.
// A UMAP/t-SNE layout places only the points it was fitted to, so with a shifted copy the ID and shifted points are
// fitted JOINTLY (joint_fit and note say so); class means are then the means of the embedded ID points per class, and
// GLUE anchors and anchor centers are not drawn (anchors is ignored; note says so).
// Layouts are kept in memory per (checkpoint, datasets, sample, layer, dimensions, embedding options): stepping back
// to a layer or setting shown before costs no tap pass and no fit. A layout saved in the project (the layer's
// GeometryEntry array named layout_name(request)) comes back as request.stored_layout and is used the same way.
//
// Inputs (ProjectionRequest):
//   checkpoint       TorchScript file (a JSON sidecar's normalisation is used, like the analysis)
//   id_dataset       dataset spec, e.g. "fashion-mnist:test" (data/dataset_registry.h)
//   shifted_dataset  "" or a spec of the same items shifted, e.g. "fashion-mnist:test+fog:3"
//   per_class        sample size per class (a smaller class gives all its items)
//   seed             class-balanced sample (data/sampling.h)
//   layer            LayerInfo::id or module path (the first layer with that path); "" = the penultimate layer
//   basis, dimensions  see above; dimensions 2 or 3
//   embedding        UMAP/t-SNE parameters (neighbours, min_dist, perplexity, iterations, seed, threads); its method and
//                    dimensions are taken from basis and dimensions
//   stored_layout    umap/tsne: a layout saved earlier under layout_name(request) for this checkpoint, ID dataset and
//                    layer (n or 2n rows: ID, then shifted; `dimensions` columns), used instead of fitting; ignored
//                    when empty or of another shape
//   anchors          run GLUE for the anchors (always for anchor_view). Off, a layer step is one tap pass and
//                    anchor_centers/anchors come back empty: GLUE is most of a request's time
//   glue             GLUE options for the anchors; points_per_manifold is replaced by per_class (GLUE runs on the
//                    drawn sample itself)
//   batch            batching and threads; its normalisation is replaced by the sidecar's, else 1/255 for uint8 data
// Outputs (LayerProjection):
//   layers           the model's layers in graph order (for a depth slider); layer_index into it
//   indices          n row indices into the ID dataset (grouped by class, like sample_per_class)
//   labels           n true class ids; class_names P
//   predictions      n argmax of the model's logits on the ID items; shifted_predictions n (or empty)
//   points           n by k ID coordinates; shifted_points n by k (or empty), row i = item indices[i] shifted
//   class_means      P by k the class means of the ID points of the layer
//   anchor_centers   P by k GLUE anchor centers s^mu_0 (first repeat, GlueResult::center_weights), or 0 rows
//                    without anchors
//   anchors          m by k active sample anchors s^mu_k; anchor_labels m class ids (0 rows without anchors)
//   variance         k variance of the ID points along each axis
//   joint_fit        true when the shifted points were fitted together with the ID points (umap, tsne)
//   note             "" or one line on how the points were placed (umap, tsne), for the view's status
//   layout_name      umap/tsne: the name to save the layout under (layout_name(request)); "" otherwise
//   layout_stored    the layout came from request.stored_layout
//   inputs           the n drawn ID items (item i = indices[i]); shifted_inputs likewise (for hover images)
// Errors: unreadable checkpoint or dataset, unknown layer (the message lists the layers), mismatched shifted
// dataset, bad embedding parameters or too few points for them, "cancelled" when cancel fires.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/data/dataset.h"
#include "core/geometry/glue_options.h"
#include "core/geometry/projection_embedding.h"
#include "core/model/batch_options.h"
#include "core/model/model.h"

namespace ms::pipeline {

enum class ProjectionBasis { points_pca, center_plane, anchor_view, umap, tsne };

// "pca", "center_plane", "anchor_view", "umap", "tsne" and back; false for an unknown name.
const char* to_string(ProjectionBasis basis);
bool parse_projection_basis(const std::string& name, ProjectionBasis* out);
// umap or tsne: a fitted layout, not a linear basis.
bool is_embedding(ProjectionBasis basis);

struct ProjectionRequest {
  std::string checkpoint;
  std::string id_dataset = "fashion-mnist:test";
  std::string shifted_dataset;
  int per_class = 50;
  uint64_t seed = 0;
  std::string layer;
  ProjectionBasis basis = ProjectionBasis::points_pca;
  int dimensions = 2;
  bool anchors = true;
  geometry::GlueOptions glue;
  geometry::EmbeddingOptions embedding;
  Eigen::MatrixXd stored_layout;
  model::BatchOptions batch;
};

// What a umap/tsne layout of one layer depends on besides the checkpoint, ID dataset and layer, as one name for the
// project file: "umap 2D, 15 neighbours, min_dist 0.1, iterations 0, seed 0; sample 50/class seed 0; shifted SPEC".
std::string layout_name(const ProjectionRequest& request);

struct LayerProjection {
  std::vector<model::LayerInfo> layers;
  int layer_index = -1;
  std::vector<std::string> class_names;
  std::vector<int64_t> indices;
  Eigen::VectorXi labels;
  Eigen::VectorXi predictions;
  Eigen::VectorXi shifted_predictions;
  Eigen::MatrixXd points;
  Eigen::MatrixXd shifted_points;
  Eigen::MatrixXd class_means;
  Eigen::MatrixXd anchor_centers;
  Eigen::MatrixXd anchors;
  Eigen::VectorXi anchor_labels;
  Eigen::VectorXd variance;
  bool joint_fit = false;
  std::string note;
  std::string layout_name;
  bool layout_stored = false;
  std::shared_ptr<const data::Dataset> inputs;
  std::shared_ptr<const data::Dataset> shifted_inputs;  // null without a shifted dataset
};

// Reusable across requests (and threads: requests are served one at a time). Keeps one checkpoint's model and
// sample; a request for another checkpoint, dataset, per_class or seed replaces them.
class LayerProjector {
 public:
  LayerProjector();
  ~LayerProjector();
  LayerProjector(const LayerProjector&) = delete;
  LayerProjector& operator=(const LayerProjector&) = delete;

  Result<LayerProjection> project(const ProjectionRequest& request, Progress& progress, CancelToken& cancel);

  struct Cache;  // defined in the .cpp

 private:
  // The umap/tsne branch of project(), after the sample and the layer are known.
  Result<LayerProjection> project_embedded(const ProjectionRequest& request, int layer, Progress& progress,
                                           CancelToken& cancel);

  std::mutex mutex_;
  std::unique_ptr<Cache> cache_;
  // Fitted or stored layouts (ID rows, then shifted rows), by request key (layout_key in the .cpp); bounded.
  struct Layout {
    Eigen::MatrixXd points;
    std::string note;
    bool stored = false;
  };
  std::map<std::string, Layout> layouts_;
};

// One request without keeping anything (tests, the CLI).
Result<LayerProjection> project_layer(const ProjectionRequest& request, Progress& progress, CancelToken& cancel);

}  // namespace ms::pipeline
