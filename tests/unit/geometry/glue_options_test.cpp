// GLUE options and boundaries: determinism across thread counts, error values, the inactive policies, repeats,
// dichotomy ensembles, subsampling, float input and the drawing data.
#include "core/geometry/glue.h"
#include "core/geometry/glue_centers.h"
#include "core/geometry/glue_dichotomies.h"
#include "core/geometry/glue_subsample.h"
#include "tests/unit/geometry/glue_test_data.h"
#include "tests/unit/option_map_checks.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace ms::geometry {
namespace {

using testing::Manifolds;

TEST(GlueOptions, SameSeedSameResultWhateverTheThreadCount) {
  const Manifolds data = testing::clouds(6, 25, 50, 1.0, 31);
  GlueOptions options;
  options.n_t = 64;
  options.seed = 99;
  options.threads = 1;
  const auto one = glue(data.X, data.labels, options);
  options.threads = 3;
  const auto three = glue(data.X, data.labels, options);
  ASSERT_TRUE(one.ok() && three.ok());
  // Bit-identical: every sample has its own stream and the reductions run in sample order.
  EXPECT_EQ(one->mean.capacity, three->mean.capacity);
  EXPECT_EQ(one->mean.dimension, three->mean.dimension);
  EXPECT_EQ(one->mean.radius, three->mean.radius);
  EXPECT_EQ(one->mean.axis_alignment, three->mean.axis_alignment);
  EXPECT_EQ(one->center_weights, three->center_weights);
  options.seed = 100;  // and the seed matters
  EXPECT_NE(glue(data.X, data.labels, options)->mean.capacity, one->mean.capacity);
}

TEST(GlueOptions, ErrorsNameTheRowOrClass) {
  Manifolds data = testing::clouds(3, 5, 8, 1.0, 2);
  data.X(7, 2) = std::numeric_limits<double>::quiet_NaN();
  auto nan = glue(data.X, data.labels);
  ASSERT_FALSE(nan.ok());
  EXPECT_NE(nan.error().find("row 7"), std::string::npos) << nan.error();
  data.X(7, 2) = std::numeric_limits<double>::infinity();
  EXPECT_FALSE(glue(data.X, data.labels).ok());

  data = testing::clouds(3, 5, 8, 1.0, 2);
  for (int i = 0; i < data.labels.size(); ++i)
    if (data.labels[i] == 1) data.labels[i] = 2;  // class 1 is empty
  auto empty = glue(data.X, data.labels);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().find("class 1"), std::string::npos) << empty.error();

  EXPECT_FALSE(glue(data.X, Eigen::VectorXi(Eigen::VectorXi::Zero(3))).ok());  // size mismatch
  GlueOptions options;
  options.n_t = 0;
  EXPECT_FALSE(glue(testing::clouds(3, 5, 8, 1.0, 2).X, testing::clouds(3, 5, 8, 1.0, 2).labels, options).ok());
}

// The stored form of the options: every option that decides a result, read back to the same options; bad text
// names its key and changes nothing; validate() refuses what no run accepts.
TEST(GlueOptions, StoredFormRoundTripsAndBadValuesAreNamed) {
  GlueOptions options;
  options.points_per_manifold = 17;
  options.n_t = 333;
  options.dichotomies = Dichotomies::one_vs_rest;
  options.inactive = InactivePolicy::active_only;
  options.preprocess = Preprocess::center;
  options.repeats = 4;
  options.seed = 18446744073709551615ull;
  const std::map<std::string, std::string> stored =
      option_checks::checked_map(options, 7u, {{"glue_seed", "18446744073709551615"}, {"inactive", "active_only"}});
  GlueOptions read;
  ASSERT_TRUE(from_map(stored, read).ok());
  EXPECT_EQ(to_map(read), stored);
  EXPECT_EQ(read.seed, options.seed);

  for (const auto& [key, text] : std::vector<std::pair<std::string, std::string>>{
           {"n_t", "-3"}, {"n_t", "12x"}, {"points_per_manifold", "99999999999"}, {"dichotomies", "some"},
           {"glue_seed", "99999999999999999999"}}) {  // 20 digits, beyond 2^64
    GlueOptions unchanged;
    const Status status = from_map({{"repeats", "3"}, {key, text}}, unchanged);
    ASSERT_FALSE(status.ok()) << key << "=" << text;
    EXPECT_NE(status.error().find(key), std::string::npos) << status.error();
    EXPECT_EQ(unchanged.repeats, 1) << "nothing is read from a map with a bad value";
  }
  EXPECT_TRUE(from_map({{"sample_seed", "5"}}, read).ok()) << "keys of other options are not GLUE's";

  EXPECT_TRUE(validate(GlueOptions{}).ok());
  GlueOptions bad;
  bad.points_per_manifold = 1;
  EXPECT_NE(validate(bad).error().find("points_per_manifold = 1"), std::string::npos);
  bad = GlueOptions{};
  bad.n_t = 0;
  EXPECT_NE(validate(bad).error().find("n_t = 0"), std::string::npos);
  bad = GlueOptions{};
  bad.repeats = 0;
  EXPECT_NE(validate(bad).error().find("repeats = 0"), std::string::npos);
}

TEST(GlueOptions, InactivePoliciesShareCapacityButNotAxes) {
  // Well separated, tight clouds: many manifolds are inactive in a sample, so the policies differ.
  const Manifolds data = testing::clouds(8, 12, 40, 0.3, 5);
  GlueOptions options;
  options.n_t = 80;
  options.seed = 3;
  GlueMeasures m[3];
  int i = 0;
  for (InactivePolicy policy : {InactivePolicy::zero_row, InactivePolicy::zero_axis, InactivePolicy::active_only}) {
    options.inactive = policy;
    m[i++] = glue(data.X, data.labels, options)->mean;
  }
  EXPECT_LT(m[0].active_fraction, 0.95);
  EXPECT_DOUBLE_EQ(m[0].capacity, m[1].capacity);
  EXPECT_DOUBLE_EQ(m[0].capacity, m[2].capacity);
  EXPECT_DOUBLE_EQ(m[0].active_fraction, m[2].active_fraction);
  // A's axis of an inactive manifold is -s0, which B and C drop: A sees more axis dimensions.
  EXPECT_GT(m[0].dimension, m[1].dimension);
  EXPECT_NE(m[1].dimension, m[2].dimension);
}

TEST(GlueOptions, RepeatsReportMeanAndSpread) {
  const Manifolds data = testing::clouds(4, 40, 30, 1.0, 8);
  GlueOptions options;
  options.n_t = 50;
  options.points_per_manifold = 10;  // subsampling differs between repeats
  options.repeats = 3;
  const auto r = glue(data.X, data.labels, options);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->repeats.size(), 3u);
  double mean = 0;
  for (const GlueMeasures& m : r->repeats) mean += m.capacity / 3;
  EXPECT_NEAR(r->mean.capacity, mean, 1e-12);
  EXPECT_GT(r->std.capacity, 0);
  EXPECT_NE(r->repeats[0].capacity, r->repeats[1].capacity);
  EXPECT_EQ(r->diagnostics.solves, 150);
  EXPECT_EQ(r->diagnostics.failed_solves, 0);
  EXPECT_LT(r->diagnostics.worst_a_mismatch, 1e-8);  // pseudo-inverse form vs the dual's ||t - theta||^2
}

TEST(GlueOptions, SubsampleIsSeededAndGrouped) {
  Eigen::VectorXi labels(30);
  for (int i = 0; i < 30; ++i) labels[i] = i % 3 == 0 ? 0 : (i % 3 == 1 ? 1 : 2);
  labels[29] = 1;  // class 2 has 9 points, class 1 has 11
  const auto a = glue_subsample(labels, 10, 4, 0);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->class_offsets, (std::vector<int>{0, 10, 20, 29}));  // class 2 keeps its 9
  for (int mu = 0; mu < 3; ++mu)
    for (int i = a->class_offsets[mu]; i < a->class_offsets[mu + 1]; ++i) EXPECT_EQ(labels[a->points[i]], mu);
  EXPECT_EQ(glue_subsample(labels, 10, 4, 0)->points, a->points);
  EXPECT_NE(glue_subsample(labels, 5, 4, 1)->points, glue_subsample(labels, 5, 4, 0)->points);
}

TEST(GlueOptions, DichotomyEnsembles) {
  const Eigen::MatrixXd ovr = glue_dichotomies(4, 8, Dichotomies::one_vs_rest, 1, 0);
  for (int k = 0; k < 8; ++k) EXPECT_EQ((ovr.col(k).array() > 0).count(), 1);
  const Eigen::MatrixXd all = glue_dichotomies(3, 8, Dichotomies::all, 1, 0);
  std::set<std::vector<double>> distinct;
  for (int k = 0; k < 8; ++k) distinct.insert({all(0, k), all(1, k), all(2, k)});
  EXPECT_EQ(distinct.size(), 8u);
  const Eigen::MatrixXd some = glue_dichotomies(10, 200, Dichotomies::all, 1, 0);  // without replacement
  distinct.clear();
  for (int k = 0; k < 200; ++k) distinct.insert(std::vector<double>(some.col(k).data(), some.col(k).data() + 10));
  EXPECT_EQ(distinct.size(), 200u);
  const Eigen::MatrixXd random = glue_dichotomies(10, 400, Dichotomies::random, 1, 0);
  EXPECT_NEAR((random.array() > 0).cast<double>().mean(), 0.5, 0.05);  // 4000 fair coins: sd 0.008
}

TEST(GlueOptions, FloatInputAndCentersForDrawing) {
  const Manifolds data = testing::clouds(4, 15, 20, 0.8, 12);
  GlueOptions options;
  options.n_t = 40;
  options.anchor_samples = 5;
  options.preprocess = Preprocess::center;
  const auto d = glue(data.X, data.labels, options);
  const Eigen::MatrixXf Xf = data.X.cast<float>();
  const auto f = glue(Xf, data.labels, options);
  ASSERT_TRUE(d.ok() && f.ok());
  EXPECT_NEAR(f->mean.capacity, d->mean.capacity, 1e-4 * d->mean.capacity);  // float rounding of the input
  ASSERT_EQ(d->anchor_weights.cols(), 5);
  ASSERT_EQ(d->anchor_active.rows(), 4);

  // Centers formed in feature space: a convex combination per manifold (policy A: weights sum to the active
  // share), and their Gram matrix matches the center alignment reported from Gram space.
  const Eigen::MatrixXd S0 = glue_vectors(data.X, *d, d->center_weights);
  ASSERT_EQ(S0.rows(), 4);
  ASSERT_EQ(S0.cols(), 20);
  const Eigen::MatrixXd C = S0 * S0.transpose();
  double cos_sum = 0;
  for (int mu = 0; mu < 4; ++mu)
    for (int nu = 0; nu < 4; ++nu)
      if (mu != nu) cos_sum += std::abs(C(mu, nu)) / std::sqrt(C(mu, mu) * C(nu, nu));
  EXPECT_NEAR(cos_sum / 12, d->mean.center_alignment, 1e-10);
  const Eigen::MatrixXd W = glue_weight_matrix(*d, d->center_weights);
  EXPECT_NEAR(W.sum(), d->center_weights.sum(), 1e-12);
}

class CountingProgress final : public Progress {
 public:
  void report(double fraction, const std::string&) override {
    ++calls;
    last = fraction;
  }
  int calls = 0;
  double last = -1;
};

TEST(GlueOptions, ProgressReachesOneAndCancelStops) {
  const Manifolds data = testing::clouds(3, 10, 12, 1.0, 14);
  GlueOptions options;
  options.n_t = 40;
  options.repeats = 2;
  CountingProgress progress;
  ASSERT_TRUE(glue(data.X, data.labels, options, &progress).ok());
  EXPECT_GE(progress.calls, 2);
  EXPECT_DOUBLE_EQ(progress.last, 1.0);
  CancelToken cancel;
  cancel.cancel();
  const auto cancelled = glue(data.X, data.labels, options, nullptr, &cancel);
  ASSERT_FALSE(cancelled.ok());
  EXPECT_EQ(cancelled.error(), "GLUE cancelled");
  EXPECT_TRUE(cancelled.cancelled());
}

// The analysis computes one Gram matrix per layer and hands it to GLUE (glue.h, `known`): each repeat's K is then a
// sub-block (centered within the subsample for preprocess = center). Same result as the product of the gathered
// rows, to rounding, with a subsample smaller than the classes and with all points.
TEST(GlueOptions, KnownGramMatricesGiveTheSameResult) {
  const testing::Manifolds data = testing::clouds(5, 30, 40, 0.7, 17);
  Eigen::MatrixXd X = data.X;
  X.rowwise() += Eigen::RowVectorXd::Constant(40, 2.0);  // off the origin, so centering matters
  const RowMatrixXf Xf = X.cast<float>();
  const SampleGram gram = sample_gram(Xf.cast<double>());
  for (Preprocess preprocess : {Preprocess::none, Preprocess::center}) {
    for (int per_class : {12, 30}) {
      GlueOptions options;
      options.n_t = 60;
      options.repeats = 2;
      options.points_per_manifold = per_class;
      options.preprocess = preprocess;
      const auto direct = glue_row_major(Xf, data.labels, options);
      const auto shared = glue_row_major(Xf, data.labels, options, nullptr, nullptr, &gram);
      ASSERT_TRUE(direct.ok() && shared.ok());
      EXPECT_EQ(direct->points, shared->points);
      std::vector<double> expected;
      for_each_measure(direct->mean, [&](const char*, double v) { expected.push_back(v); });
      size_t i = 0;
      for_each_measure(shared->mean, [&](const char* name, double v) {
        EXPECT_NEAR(v, expected[i], 1e-9 * std::max(1.0, std::abs(expected[i])))
            << name << ", " << to_string(preprocess) << ", " << per_class << " per class";
        ++i;
      });
      // Anchor weights of ill-conditioned supports (150 points in 40 dimensions) move more than the measures.
      EXPECT_LT((direct->anchor_weights - shared->anchor_weights).cwiseAbs().maxCoeff(), 1e-6)
          << to_string(preprocess) << ", " << per_class << " per class";
      if (preprocess == Preprocess::center) {
        EXPECT_LT((direct->mean_removed - shared->mean_removed).cwiseAbs().maxCoeff(), 1e-12);
      }
    }
  }
  const SampleGram wrong = sample_gram(Xf.topRows(10).cast<double>());
  EXPECT_FALSE(glue_row_major(Xf, data.labels, GlueOptions{}, nullptr, nullptr, &wrong).ok());
}

}  // namespace
}  // namespace ms::geometry
