// One layer of a real TorchScript CNN projected on demand: the coordinates are the PCA of that layer's activations,
// the predictions are the model's, a shifted copy lands in the same basis, and errors/cancel are values.
#include "core/pipeline/layer_projection.h"

#include <gtest/gtest.h>
#include <torch/script.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "core/data/dataset_registry.h"
#include "core/geometry/projection_center_plane.h"
#include "core/geometry/projection_pca.h"
#include "core/model/activation_sink.h"
#include "core/model/compute_logits.h"
#include "core/model/extract_activations.h"
#include "tests/unit/pipeline/test_cnn.h"

namespace ms::pipeline {
namespace {
namespace fs = std::filesystem;

// conv(1->4, 3x3, pad 1) -> relu -> max_pool 2 -> flatten -> linear(784 -> 32) -> relu -> linear(32 -> 10), seeded.
const std::string& cnn_path() {
  static const std::string path = [] {
    const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / "layer-projection";
    fs::create_directories(dir);
    torch::jit::Module m = fixtures::small_cnn(5, true);
    // CTest runs this file's cases as parallel processes, each making the same model: write aside, then rename
    // (atomic), so that no process loads a file another one is still writing.
    const fs::path file = dir / "small_cnn.pt";
    const fs::path aside = dir / ("small_cnn.pt." + std::to_string(::getpid()));
    m.save(aside.string());
    fs::rename(aside, file);
    return file.string();
  }();
  return path;
}

ProjectionRequest quick_request(const std::string& layer) {
  ProjectionRequest request;
  request.checkpoint = cnn_path();
  request.id_dataset = "fashion-mnist:test";
  request.per_class = 20;
  request.seed = 3;
  request.layer = layer;
  request.glue.n_t = 40;
  request.glue.threads = 2;
  request.glue.anchor_samples = 6;
  return request;
}

model::BatchOptions bytes_to_unit() {
  model::BatchOptions batch;
  batch.normalization.scale = 1.0f / 255.0f;  // no sidecar: uint8 images go in as 0..1, like the analysis
  return batch;
}

// The layer's activations of the given dataset rows, extracted independently of the projector.
Eigen::MatrixXd direct_activations(const data::Dataset& dataset, const std::vector<int64_t>& rows,
                                   const std::string& layer) {
  auto net = model::load_model(cnn_path());
  EXPECT_TRUE(net.ok());
  model::RowMatrixXf X(static_cast<Eigen::Index>(rows.size()), dataset.item_size());
  for (size_t i = 0; i < rows.size(); ++i)
    X.row(static_cast<Eigen::Index>(i)) =
        Eigen::Map<const Eigen::RowVectorXf>(dataset.item(rows[i]), dataset.item_size());
  std::vector<int64_t> all(rows.size());
  std::iota(all.begin(), all.end(), 0);
  model::SubsetSink sink(all);
  NullProgress progress;
  CancelToken cancel;
  EXPECT_TRUE(model::extract_activations(*net, X, dataset.item_shape, {layer}, bytes_to_unit(), sink, progress, cancel).ok());
  return sink.matrices()[0].cast<double>();
}

Eigen::VectorXi direct_predictions(const data::Dataset& dataset, const std::vector<int64_t>& rows) {
  auto net = model::load_model(cnn_path());
  model::RowMatrixXf X(static_cast<Eigen::Index>(rows.size()), dataset.item_size());
  for (size_t i = 0; i < rows.size(); ++i)
    X.row(static_cast<Eigen::Index>(i)) =
        Eigen::Map<const Eigen::RowVectorXf>(dataset.item(rows[i]), dataset.item_size());
  NullProgress progress;
  CancelToken cancel;
  auto logits = model::compute_logits(*net, X, dataset.item_shape, bytes_to_unit(), progress, cancel);
  EXPECT_TRUE(logits.ok());
  Eigen::VectorXi out(logits->rows());
  for (Eigen::Index i = 0; i < logits->rows(); ++i) logits->row(i).maxCoeff(&out[i]);
  return out;
}

TEST(LayerProjection, PcaOfTheTappedLayerAndTheModelsPredictions) {
  LayerProjector projector;
  NullProgress progress;
  CancelToken cancel;
  auto shown = projector.project(quick_request("linear"), progress, cancel);
  ASSERT_TRUE(shown.ok()) << shown.error();
  // conv2d, relu, max_pool2d, flatten, linear, relu, linear.
  ASSERT_EQ(shown->layers.size(), 7u);
  EXPECT_EQ(shown->layers[shown->layer_index].id, "linear");
  ASSERT_EQ(shown->indices.size(), 200u);
  ASSERT_EQ(shown->points.rows(), 200);
  ASSERT_EQ(shown->points.cols(), 2);
  EXPECT_EQ(shown->class_names.size(), 10u);

  auto dataset = data::open_dataset("fashion-mnist:test");
  ASSERT_TRUE(dataset.ok());
  for (size_t i = 0; i < shown->indices.size(); ++i) {
    ASSERT_EQ(shown->labels[static_cast<Eigen::Index>(i)], dataset->labels[shown->indices[i]]);
    ASSERT_EQ(shown->inputs->values[i * 784 + 400], dataset->item(shown->indices[i])[400]);
  }
  const Eigen::MatrixXd X = direct_activations(*dataset, shown->indices, "linear");
  auto pca = geometry::pca_projection(X, 2);
  ASSERT_TRUE(pca.ok());
  EXPECT_LT((shown->points - pca->coordinates).cwiseAbs().maxCoeff(), 1e-6);
  EXPECT_LT((shown->variance - pca->variance).cwiseAbs().maxCoeff(), 1e-6 * pca->variance.maxCoeff());
  EXPECT_EQ(shown->predictions, direct_predictions(*dataset, shown->indices));

  // Class means are the means of each class's projected points (the projection is affine).
  for (int mu = 0; mu < 10; ++mu) {
    Eigen::RowVectorXd mean = Eigen::RowVectorXd::Zero(2);
    for (int i = 0; i < 200; ++i)
      if (shown->labels[i] == mu) mean += shown->points.row(i) / 20.0;
    EXPECT_LT((shown->class_means.row(mu) - mean).cwiseAbs().maxCoeff(), 1e-9) << "class " << mu;
  }
  // GLUE anchors: P centers and up to P x anchor_samples active sample anchors, all finite, labelled by class.
  EXPECT_EQ(shown->anchor_centers.rows(), 10);
  EXPECT_GT(shown->anchors.rows(), 10);
  EXPECT_LE(shown->anchors.rows(), 60);
  EXPECT_EQ(shown->anchor_labels.size(), shown->anchors.rows());
  EXPECT_TRUE(shown->anchors.allFinite() && shown->anchor_centers.allFinite());
  EXPECT_GE(shown->anchor_labels.minCoeff(), 0);
  EXPECT_LT(shown->anchor_labels.maxCoeff(), 10);

  // Without anchors no GLUE runs: the same points, no anchors.
  ProjectionRequest plain = quick_request("linear");
  plain.anchors = false;
  auto bare = projector.project(plain, progress, cancel);
  ASSERT_TRUE(bare.ok()) << bare.error();
  EXPECT_LT((bare->points - shown->points).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_EQ(bare->anchor_centers.rows(), 0);
  EXPECT_EQ(bare->anchors.rows(), 0);
  EXPECT_EQ(bare->class_means, shown->class_means);
}

TEST(LayerProjection, OtherBasesAndLayersReuseTheSample) {
  LayerProjector projector;
  NullProgress progress;
  CancelToken cancel;
  ProjectionRequest request = quick_request("max_pool2d");
  request.basis = ProjectionBasis::center_plane;
  request.dimensions = 3;
  auto plane = projector.project(request, progress, cancel);
  ASSERT_TRUE(plane.ok()) << plane.error();
  ASSERT_EQ(plane->points.cols(), 3);
  auto dataset = data::open_dataset("fashion-mnist:test");
  const Eigen::MatrixXd X = direct_activations(*dataset, plane->indices, "max_pool2d");
  Eigen::MatrixXd means = Eigen::MatrixXd::Zero(10, X.cols());
  for (Eigen::Index i = 0; i < X.rows(); ++i) means.row(plane->labels[i]) += X.row(i) / 20.0;
  auto direct = geometry::center_plane_projection(X, means, 3);
  ASSERT_TRUE(direct.ok());
  EXPECT_LT((plane->points - direct->coordinates).cwiseAbs().maxCoeff(), 1e-6 * direct->coordinates.cwiseAbs().maxCoeff());

  // The anchor view: PCA of the sample anchors, so the anchors' own coordinates are centred.
  request.basis = ProjectionBasis::anchor_view;
  request.layer = "";  // the penultimate layer
  auto anchor = projector.project(request, progress, cancel);
  ASSERT_TRUE(anchor.ok()) << anchor.error();
  EXPECT_EQ(anchor->layers[anchor->layer_index].id, "relu#2");
  EXPECT_LT(anchor->anchors.colwise().mean().cwiseAbs().maxCoeff(), 1e-9 * anchor->anchors.cwiseAbs().maxCoeff());
  EXPECT_EQ(anchor->indices, plane->indices) << "the same sample for every layer";
  EXPECT_NEAR(anchor->variance[0], (anchor->points.rowwise() - anchor->points.colwise().mean()).col(0).squaredNorm() / 199,
              1e-9 * anchor->variance[0]);
}

TEST(LayerProjection, ShiftedItemsInTheSameBasis) {
  LayerProjector projector;
  NullProgress progress;
  CancelToken cancel;
  ProjectionRequest request = quick_request("linear");
  auto clean = projector.project(request, progress, cancel);
  ASSERT_TRUE(clean.ok()) << clean.error();
  EXPECT_EQ(clean->shifted_points.rows(), 0);
  EXPECT_EQ(clean->shifted_inputs, nullptr);
  request.shifted_dataset = "fashion-mnist:test+fog:3";
  auto shifted = projector.project(request, progress, cancel);
  ASSERT_TRUE(shifted.ok()) << shifted.error();
  // The ID picture is unchanged: the basis is fitted on the ID points only.
  EXPECT_LT((shifted->points - clean->points).cwiseAbs().maxCoeff(), 1e-9);
  ASSERT_EQ(shifted->shifted_points.rows(), 200);
  ASSERT_EQ(shifted->shifted_points.cols(), 2);
  ASSERT_EQ(shifted->shifted_inputs->count(), 200);
  EXPECT_EQ(shifted->shifted_inputs->labels, shifted->inputs->labels) << "the same items, so the same labels";
  const double moved = (shifted->shifted_points - shifted->points).rowwise().norm().mean();
  const double spread = std::sqrt(shifted->variance.sum());
  EXPECT_GT(moved, 0.05 * spread) << "fog moves the points";
  // Shifted coordinates are the same basis applied to the shifted activations: check them through the PCA of the
  // clean points.
  auto fog = data::open_dataset("fashion-mnist:test+fog:3");
  auto dataset = data::open_dataset("fashion-mnist:test");
  const Eigen::MatrixXd X = direct_activations(*dataset, shifted->indices, "linear");
  const Eigen::MatrixXd Y = direct_activations(*fog, shifted->indices, "linear");
  auto pca = geometry::pca_projection(X, 2);
  EXPECT_LT((shifted->shifted_points - geometry::project_points(Y, *pca)).cwiseAbs().maxCoeff(), 1e-6);
  EXPECT_EQ(shifted->shifted_predictions, direct_predictions(*fog, shifted->indices));
}

class CancelAfter final : public Progress {
 public:
  CancelAfter(CancelToken& token, int calls) : token_(token), calls_(calls) {}
  void report(double, const std::string&) override {
    if (--calls_ <= 0) token_.cancel();
  }

 private:
  CancelToken& token_;
  int calls_;
};

TEST(LayerProjection, CancelAndErrorsAreValues) {
  LayerProjector projector;
  CancelToken cancel;
  CancelAfter progress(cancel, 3);
  auto cancelled = projector.project(quick_request("linear"), progress, cancel);
  ASSERT_FALSE(cancelled.ok());
  EXPECT_EQ(cancelled.error(), "cancelled");
  EXPECT_TRUE(cancelled.cancelled()) << "told from a failure by its kind, not its text";

  NullProgress quiet;
  CancelToken fresh;
  auto bad_layer = projector.project(quick_request("fc9:linear"), quiet, fresh);
  ASSERT_FALSE(bad_layer.ok());
  EXPECT_NE(bad_layer.error().find("no layer matches 'fc9:linear' (near: "), std::string::npos) << bad_layer.error();
  EXPECT_NE(bad_layer.error().find("relu#2"), std::string::npos) << "the message lists the layers";
  EXPECT_FALSE(bad_layer.cancelled()) << "a failure, not a cancellation";

  ProjectionRequest missing = quick_request("linear");
  missing.checkpoint = (fs::path(MS_TEST_OUTPUT_DIR) / "layer-projection" / "missing.pt").string();
  auto no_file = projector.project(missing, quiet, fresh);
  ASSERT_FALSE(no_file.ok());
  EXPECT_NE(no_file.error().find("missing.pt"), std::string::npos) << no_file.error();

  const fs::path broken = fs::path(MS_TEST_OUTPUT_DIR) / "layer-projection" / "broken.pt";
  std::ofstream(broken) << "not a TorchScript archive";
  missing.checkpoint = broken.string();
  auto not_torchscript = projector.project(missing, quiet, fresh);
  ASSERT_FALSE(not_torchscript.ok());
  EXPECT_NE(not_torchscript.error().find("broken.pt"), std::string::npos) << not_torchscript.error();

  ProjectionRequest wrong_shift = quick_request("linear");
  wrong_shift.shifted_dataset = "fashion-mnist:train";
  auto mismatched = projector.project(wrong_shift, quiet, fresh);
  ASSERT_FALSE(mismatched.ok());
  EXPECT_NE(mismatched.error().find("not a shifted copy"), std::string::npos) << mismatched.error();

  ProjectionRequest four_d = quick_request("linear");
  four_d.dimensions = 4;
  EXPECT_FALSE(projector.project(four_d, quiet, fresh).ok());
}

// Records every progress message (to see whether a request tapped the model again).
class MessageLog final : public Progress {
 public:
  void report(double, const std::string& message) override { messages += message + "\n"; }
  std::string messages;
};

TEST(LayerProjection, UmapAndTsneFitIdAndShiftedJointlyAndAreCached) {
  LayerProjector projector;
  CancelToken cancel;
  for (ProjectionBasis basis : {ProjectionBasis::umap, ProjectionBasis::tsne}) {
    ProjectionRequest request = quick_request("relu#2");
    request.basis = basis;
    request.embedding.perplexity = 10;
    request.embedding.iterations = 100;
    request.shifted_dataset = "fashion-mnist:test+fog:3";
    MessageLog first;
    auto joint = projector.project(request, first, cancel);
    ASSERT_TRUE(joint.ok()) << joint.error();
    ASSERT_EQ(joint->points.rows(), 200);
    ASSERT_EQ(joint->shifted_points.rows(), 200);
    EXPECT_TRUE(joint->joint_fit);
    EXPECT_NE(joint->note.find("fitted jointly"), std::string::npos) << joint->note;
    EXPECT_NE(joint->note.find("No GLUE anchors"), std::string::npos) << joint->note;
    EXPECT_EQ(joint->anchors.rows(), 0) << "anchors are not available in this mode";
    EXPECT_EQ(joint->anchor_centers.rows(), 0);
    // Class means are the means of the embedded ID points.
    const Eigen::RowVectorXd mean0 = joint->points.topRows(20).colwise().mean();
    ASSERT_EQ(joint->labels[0], 0);
    EXPECT_LT((joint->class_means.row(0) - mean0).norm(), 1e-9);
    // The same request again: from the layout cache, no tap pass.
    MessageLog second;
    auto again = projector.project(request, second, cancel);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->points == joint->points);
    EXPECT_EQ(second.messages.find("activations"), std::string::npos) << second.messages;
    EXPECT_NE(first.messages.find("activations"), std::string::npos);
    // Without the shift: another layout, ID points only.
    request.shifted_dataset.clear();
    auto alone = projector.project(request, first, cancel);
    ASSERT_TRUE(alone.ok()) << alone.error();
    EXPECT_FALSE(alone->joint_fit);
    EXPECT_EQ(alone->shifted_points.rows(), 0);
    EXPECT_EQ(alone->note.find("jointly"), std::string::npos);
  }
  ProjectionRequest too_few = quick_request("relu#2");
  too_few.basis = ProjectionBasis::tsne;  // perplexity 30 needs 91 points; 5 per class are 50
  too_few.per_class = 5;
  NullProgress quiet;
  auto refused = projector.project(too_few, quiet, cancel);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("needs at least 91 points, got 50"), std::string::npos) << refused.error();
  ProjectionRequest bad = quick_request("relu#2");
  bad.basis = ProjectionBasis::umap;
  bad.embedding.min_dist = 2;
  EXPECT_NE(projector.project(bad, quiet, cancel).error().find("min_dist"), std::string::npos);
  ProjectionBasis parsed = ProjectionBasis::points_pca;
  EXPECT_TRUE(parse_projection_basis("tsne", &parsed));
  EXPECT_EQ(parsed, ProjectionBasis::tsne);
}

TEST(LayerProjection, AStoredLayoutIsUsedInsteadOfFitting) {
  CancelToken cancel;
  ProjectionRequest request = quick_request("relu#2");
  request.basis = ProjectionBasis::umap;
  request.embedding.iterations = 50;
  request.shifted_dataset = "fashion-mnist:test+fog:3";
  NullProgress quiet;
  auto fitted = project_layer(request, quiet, cancel);
  ASSERT_TRUE(fitted.ok()) << fitted.error();
  EXPECT_FALSE(fitted->layout_stored);
  EXPECT_EQ(fitted->layout_name, layout_name(request));
  EXPECT_NE(fitted->layout_name.find("umap 2D, 15 neighbours, min_dist 0.1, iterations 50, seed 0; sample 20/class "
                                     "seed 3; shifted fashion-mnist:test+fog:3"),
            std::string::npos)
      << fitted->layout_name;
  Eigen::MatrixXd saved(400, 2);
  saved << fitted->points, fitted->shifted_points;
  request.stored_layout = saved;
  MessageLog log;
  auto stored = project_layer(request, log, cancel);
  ASSERT_TRUE(stored.ok()) << stored.error();
  EXPECT_TRUE(stored->layout_stored);
  EXPECT_TRUE(stored->points == fitted->points);
  EXPECT_TRUE(stored->shifted_points == fitted->shifted_points);
  EXPECT_EQ(log.messages.find("activations"), std::string::npos) << "no tap pass for a stored layout";
  EXPECT_NE(stored->note.find("Saved in the project"), std::string::npos);
  request.stored_layout = saved.topRows(200);  // the ID rows only: not this request's layout, fitted again
  auto refitted = project_layer(request, quiet, cancel);
  ASSERT_TRUE(refitted.ok());
  EXPECT_FALSE(refitted->layout_stored);
  EXPECT_TRUE(refitted->points == fitted->points) << "deterministic";
}

// Not run by default: how long a request takes on a real checkpoint, first (model, sample, predictions) and then
// per layer step and basis (printed, nothing asserted):
//   MS_PROJECTION_CHECKPOINT=model.pt pipeline_tests --gtest_also_run_disabled_tests
//     --gtest_filter='LayerProjection.DISABLED_Timings'
TEST(LayerProjection, DISABLED_Timings) {
  const char* checkpoint = std::getenv("MS_PROJECTION_CHECKPOINT");
  if (!checkpoint) GTEST_SKIP() << "MS_PROJECTION_CHECKPOINT not set";
  LayerProjector projector;
  NullProgress progress;
  CancelToken cancel;
  ProjectionRequest request;
  request.checkpoint = checkpoint;
  request.shifted_dataset = "fashion-mnist:test+fog:3";
  auto seconds_since = [](auto start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  auto start = std::chrono::steady_clock::now();
  auto first = projector.project(request, progress, cancel);
  ASSERT_TRUE(first.ok()) << first.error();
  std::printf("first request (load, 500-item sample, fog:3 copy, predictions, %s, GLUE, PCA): %.2f s\n",
              first->layers[first->layer_index].id.c_str(), seconds_since(start));
  std::printf("  layer                          d   plain step  with GLUE anchors\n");
  for (size_t l = 0; l < first->layers.size(); ++l) {
    request.layer = first->layers[l].id;
    double took[2];
    for (bool anchors : {false, true}) {
      request.anchors = anchors;
      start = std::chrono::steady_clock::now();
      auto step = projector.project(request, progress, cancel);
      ASSERT_TRUE(step.ok()) << step.error();
      took[anchors] = seconds_since(start);
    }
    std::printf("  %-24s %6lld   %6.2f s   %6.2f s\n", request.layer.c_str(),
                static_cast<long long>(first->layers[l].size()), took[0], took[1]);
  }
  for (ProjectionBasis basis : {ProjectionBasis::center_plane, ProjectionBasis::anchor_view}) {
    request.basis = basis;
    request.dimensions = 3;
    start = std::chrono::steady_clock::now();
    ASSERT_TRUE(projector.project(request, progress, cancel).ok());
    std::printf("  %s 3D on the last layer: %.2f s\n", to_string(basis), seconds_since(start));
  }
}

}  // namespace
}  // namespace ms::pipeline
