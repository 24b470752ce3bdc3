// UMAP and t-SNE layouts (projection_embedding.h): deterministic under a seed and thread count, at least as
// class-faithful as PCA on separated clusters, clear errors, prompt cancel, progress to 1.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "core/geometry/projection_embedding.h"
#include "core/geometry/projection_pca.h"

namespace ms::geometry {
namespace {

struct Clusters {
  Eigen::MatrixXd X;
  std::vector<int> labels;
};

// `classes` Gaussian clusters of `per_class` points in R^d: centers N(0, 4^2 I), unit within-class noise.
Clusters gaussian_clusters(int classes, int per_class, int d, unsigned seed) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd centers(classes, d);
  for (int c = 0; c < classes; ++c)
    for (int j = 0; j < d; ++j) centers(c, j) = 4.0 * normal(engine);
  Clusters out{Eigen::MatrixXd(classes * per_class, d), {}};
  for (int c = 0; c < classes; ++c)
    for (int i = 0; i < per_class; ++i) {
      const int row = c * per_class + i;
      for (int j = 0; j < d; ++j) out.X(row, j) = centers(c, j) + normal(engine);
      out.labels.push_back(c);
    }
  return out;
}

// Leave-one-out k-NN class accuracy of the rows of Y (majority vote, ties to the lower class).
double knn_accuracy(const Eigen::MatrixXd& Y, const std::vector<int>& labels, int k) {
  const int n = static_cast<int>(Y.rows());
  const int classes = *std::max_element(labels.begin(), labels.end()) + 1;
  int correct = 0;
  for (int i = 0; i < n; ++i) {
    std::vector<std::pair<double, int>> dist;
    for (int j = 0; j < n; ++j)
      if (j != i) dist.emplace_back((Y.row(i) - Y.row(j)).squaredNorm(), labels[j]);
    std::partial_sort(dist.begin(), dist.begin() + k, dist.end());
    std::vector<int> votes(classes, 0);
    for (int m = 0; m < k; ++m) ++votes[dist[m].second];
    correct += (std::max_element(votes.begin(), votes.end()) - votes.begin()) == labels[i];
  }
  return static_cast<double>(correct) / n;
}

EmbeddingOptions options_for(EmbeddingMethod method, std::uint64_t seed = 0) {
  EmbeddingOptions o;
  o.method = method;
  o.seed = seed;
  o.iterations = method == EmbeddingMethod::umap ? 200 : 300;  // enough for clusters, keeps the test short
  o.perplexity = 10;  // 30 neighbours: the small sets below have 80 points or more
  o.threads = 2;
  return o;
}

class RecordingProgress final : public Progress {
 public:
  void report(double fraction, const std::string&) override {
    last = fraction;
    ++calls;
    monotone = monotone && fraction >= previous;
    previous = fraction;
  }
  double last = -1, previous = 0;
  int calls = 0;
  bool monotone = true;
};

// Cancels once the layout has reported `after` times.
class CancellingProgress final : public Progress {
 public:
  CancellingProgress(CancelToken& token, int after) : token_(token), after_(after) {}
  void report(double, const std::string&) override {
    if (++calls >= after_) token_.cancel();
  }
  int calls = 0;

 private:
  CancelToken& token_;
  int after_;
};

class Embedding : public ::testing::TestWithParam<EmbeddingMethod> {};

TEST_P(Embedding, SameSeedGivesIdenticalOutputAndAnotherSeedDiffers) {
  const Clusters data = gaussian_clusters(4, 40, 10, 1);
  NullProgress progress;
  auto a = embed_points(data.X, options_for(GetParam(), 7), progress);
  auto b = embed_points(data.X, options_for(GetParam(), 7), progress);
  auto c = embed_points(data.X, options_for(GetParam(), 8), progress);
  ASSERT_TRUE(a.ok()) << a.error();
  ASSERT_TRUE(b.ok() && c.ok());
  ASSERT_EQ(a->rows(), 160);
  ASSERT_EQ(a->cols(), 2);
  EXPECT_TRUE(*a == *b);
  EXPECT_GT((*a - *c).norm(), 1e-6 * a->norm());
}

TEST_P(Embedding, ThreadCountDoesNotChangeTheLayout) {
  const Clusters data = gaussian_clusters(3, 40, 8, 2);
  NullProgress progress;
  EmbeddingOptions one = options_for(GetParam(), 3), two = one;
  one.threads = 1;
  two.threads = 2;
  auto a = embed_points(data.X, one, progress);
  auto b = embed_points(data.X, two, progress);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(*a == *b);
}

TEST_P(Embedding, IsCentredAndThreeDimensionalOnRequest) {
  const Clusters data = gaussian_clusters(3, 30, 6, 3);
  NullProgress progress;
  EmbeddingOptions o = options_for(GetParam());
  o.dimensions = 3;
  auto Y = embed_points(data.X, o, progress);
  ASSERT_TRUE(Y.ok()) << Y.error();
  ASSERT_EQ(Y->cols(), 3);
  EXPECT_LT(Y->colwise().mean().norm(), 1e-9 * (1.0 + Y->norm()));
  EXPECT_TRUE(Y->allFinite());
}

TEST_P(Embedding, SeparatedClustersKeepTheirNeighboursAtLeastAsWellAsPca) {
  const Clusters data = gaussian_clusters(6, 60, 50, 4);
  NullProgress progress;
  EmbeddingOptions o = options_for(GetParam(), 1);
  o.iterations = 0;  // the method's defaults
  o.perplexity = 30;
  auto Y = embed_points(data.X, o, progress);
  ASSERT_TRUE(Y.ok()) << Y.error();
  auto pca = pca_projection(data.X, 2);
  ASSERT_TRUE(pca.ok());
  const double embedded = knn_accuracy(*Y, data.labels, 5), linear = knn_accuracy(pca->coordinates, data.labels, 5);
  EXPECT_GE(embedded, linear) << "PCA " << linear;
  EXPECT_GT(embedded, 0.95);
}

TEST_P(Embedding, ProgressReachesOneAndNeverGoesBack) {
  const Clusters data = gaussian_clusters(3, 30, 5, 5);
  RecordingProgress progress;
  auto Y = embed_points(data.X, options_for(GetParam()), progress);
  ASSERT_TRUE(Y.ok());
  EXPECT_EQ(progress.last, 1.0);
  EXPECT_TRUE(progress.monotone);
  EXPECT_GT(progress.calls, 10);
}

TEST_P(Embedding, CancelStopsBetweenBatches) {
  const Clusters data = gaussian_clusters(3, 40, 5, 6);
  CancelToken token;
  CancellingProgress progress(token, 4);  // after the set-up and two batches
  EmbeddingOptions o = options_for(GetParam());
  o.iterations = 100000;  // would run long without the cancel
  auto Y = embed_points(data.X, o, progress, &token);
  ASSERT_FALSE(Y.ok());
  EXPECT_EQ(Y.error(), "cancelled");
  EXPECT_TRUE(Y.cancelled());
  EXPECT_LE(progress.calls, 5);
}

TEST_P(Embedding, AlreadyCancelledDoesNoWork) {
  const Clusters data = gaussian_clusters(2, 40, 5, 7);
  CancelToken token;
  token.cancel();
  RecordingProgress progress;
  auto Y = embed_points(data.X, options_for(GetParam()), progress, &token);
  ASSERT_FALSE(Y.ok());
  EXPECT_EQ(Y.error(), "cancelled");
  EXPECT_TRUE(Y.cancelled());
  EXPECT_EQ(progress.calls, 0);
}

TEST_P(Embedding, NonFiniteRowIsNamed) {
  Clusters data = gaussian_clusters(2, 50, 4, 8);
  data.X(17, 2) = std::numeric_limits<double>::quiet_NaN();
  NullProgress progress;
  auto Y = embed_points(data.X, options_for(GetParam()), progress);
  ASSERT_FALSE(Y.ok());
  EXPECT_NE(Y.error().find("row 17"), std::string::npos) << Y.error();
  data.X(17, 2) = std::numeric_limits<double>::infinity();
  EXPECT_NE(embed_points(data.X, options_for(GetParam()), progress).error().find("row 17"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Methods, Embedding, ::testing::Values(EmbeddingMethod::umap, EmbeddingMethod::tsne),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(EmbeddingOptions, TooFewPointsSaysHowManyAreNeeded) {
  NullProgress progress;
  const Eigen::MatrixXd X = Eigen::MatrixXd::Random(20, 3);
  EmbeddingOptions umap;  // 15 neighbours
  EXPECT_TRUE(embed_points(X.topRows(16), umap, progress).ok());
  auto few = embed_points(X.topRows(15), umap, progress);
  ASSERT_FALSE(few.ok());
  EXPECT_NE(few.error().find("needs at least 16 points, got 15"), std::string::npos) << few.error();
  EmbeddingOptions tsne;
  tsne.method = EmbeddingMethod::tsne;  // perplexity 30: 90 neighbours
  auto small = embed_points(X, tsne, progress);
  ASSERT_FALSE(small.ok());
  EXPECT_NE(small.error().find("perplexity 30 (90 neighbours) needs at least 91 points, got 20"), std::string::npos)
      << small.error();
  tsne.perplexity = 5;
  EXPECT_TRUE(embed_points(X.topRows(16), tsne, progress).ok());
}

TEST(EmbeddingOptions, BadParametersAreRefused) {
  const Eigen::MatrixXd X = Eigen::MatrixXd::Random(200, 3);
  auto refused = [&](EmbeddingOptions o, const std::string& words) {
    NullProgress progress;
    auto Y = embed_points(X, o, progress);
    EXPECT_FALSE(Y.ok());
    if (!Y.ok()) {
      EXPECT_NE(Y.error().find(words), std::string::npos) << Y.error();
    }
  };
  EmbeddingOptions o;
  o.dimensions = 4;
  refused(o, "dimensions must be 2 or 3, got 4");
  o = {};
  o.neighbours = 1;
  refused(o, "neighbours must be at least 2");
  o = {};
  o.min_dist = 1.0;
  refused(o, "min_dist must be in [0, 1)");
  o = {};
  o.min_dist = -0.1;
  refused(o, "min_dist");
  o = {};
  o.iterations = -1;
  refused(o, "iterations must be >= 0");
  o = {};
  o.threads = -2;
  refused(o, "threads must be >= 0");
  o = {};
  o.method = EmbeddingMethod::tsne;
  o.perplexity = 0;
  refused(o, "perplexity must be positive");
  o.perplexity = std::nan("");
  refused(o, "perplexity must be positive");
  NullProgress progress;
  EXPECT_NE(embed_points(Eigen::MatrixXd(30, 0), EmbeddingOptions{}, progress).error().find("no features"),
            std::string::npos);
}

TEST(EmbeddingOptions, MethodNamesRoundTrip) {
  EmbeddingMethod m = EmbeddingMethod::umap;
  EXPECT_TRUE(parse_embedding_method("tsne", &m));
  EXPECT_EQ(m, EmbeddingMethod::tsne);
  EXPECT_TRUE(parse_embedding_method("umap", &m));
  EXPECT_EQ(m, EmbeddingMethod::umap);
  EXPECT_FALSE(parse_embedding_method("t-SNE", &m));
  EXPECT_STREQ(to_string(EmbeddingMethod::tsne), "tsne");
}

}  // namespace
}  // namespace ms::geometry
