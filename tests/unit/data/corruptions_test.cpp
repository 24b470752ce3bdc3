#include "core/data/corruptions.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/data/dataset_registry.h"
#include "core/data/transfer_sets.h"

namespace ms::data {
namespace {

// 40 real Fashion-MNIST test images (4 per class would need sampling; the first 40 are mixed classes).
const Dataset& real_images() {
  static const Dataset images = [] {
    Dataset all = open_dataset("fashion-mnist:test").value();
    all.labels.resize(40);
    all.values.resize(40 * all.item_size());
    return all;
  }();
  return images;
}

double mean_abs_change(const Dataset& a, const Dataset& b) {
  double total = 0;
  for (size_t i = 0; i < a.values.size(); ++i) total += std::abs(a.values[i] - b.values[i]);
  return total / static_cast<double>(a.values.size());
}

TEST(Corruptions, ParseShift) {
  auto fog = parse_shift("fog:4");
  ASSERT_TRUE(fog.ok());
  EXPECT_EQ(fog->severity, 4);
  EXPECT_EQ(parse_shift("contrast")->severity, 3);
  EXPECT_NE(parse_shift("smoke:2").error().find("unknown shift 'smoke'"), std::string::npos);
  EXPECT_NE(parse_shift("fog:9").error().find("severity must be 1..5"), std::string::npos);
  EXPECT_EQ(corruption_names().size(), 10u);
}

TEST(Corruptions, DeterministicInRangeAndShapePreserving) {
  const Dataset& clean = real_images();
  for (const std::string& name : corruption_names()) {
    auto once = apply_shift(clean, {name, 3}, 11);
    auto twice = apply_shift(clean, {name, 3}, 11);
    ASSERT_TRUE(once.ok()) << once.error();
    EXPECT_EQ(once->values, twice->values) << name;
    EXPECT_EQ(once->labels, clean.labels);
    EXPECT_EQ(once->name, "fashion-mnist:test+" + name + ":3");
    auto [lo, hi] = std::minmax_element(once->values.begin(), once->values.end());
    EXPECT_GE(*lo, 0.0f) << name;
    EXPECT_LE(*hi, 255.0f + 1e-3f) << name;
    EXPECT_GT(mean_abs_change(clean, *once), 0.5) << name << " left the images unchanged";
  }
}

TEST(Corruptions, RandomShiftsDependOnTheSeed) {
  for (const char* name : {"gaussian_noise", "shot_noise", "impulse_noise", "fog", "rotation"}) {
    auto a = apply_shift(real_images(), {name, 2}, 1);
    auto b = apply_shift(real_images(), {name, 2}, 2);
    EXPECT_NE(a->values, b->values) << name;
  }
}

TEST(Corruptions, DamageGrowsWithSeverity) {
  // Mean absolute pixel change from the clean images grows with severity. Strictly at every step for all but
  // pixelate: at 28 px its first two severities are 26 px and 25 px, whose resampling errors are within 1 % of
  // each other and alias differently, so pixelate is checked on every second severity.
  for (const std::string& name : corruption_names()) {
    std::vector<double> change{0.0};
    for (int severity = 1; severity <= 5; ++severity)
      change.push_back(mean_abs_change(real_images(), *apply_shift(real_images(), {name, severity}, 5)));
    const int step = name == "pixelate" ? 2 : 1;
    for (int severity = 1 + step; severity <= 5; severity += step)
      EXPECT_GT(change[severity], change[severity - step]) << name << " severity " << severity;
    EXPECT_GT(change[1], 0.0) << name;
  }
}

TEST(Corruptions, GaussianNoiseHasTheTabulatedSpread) {
  // A flat mid-grey image: no clipping at severity 1 (sd 0.08 of the range), so the noise sd is measurable.
  Dataset grey = real_images();
  std::fill(grey.values.begin(), grey.values.end(), 127.5f);
  auto noisy = apply_shift(grey, {"gaussian_noise", 1}, 3);
  double sum = 0, squares = 0;
  for (float v : noisy->values) {
    sum += v / 255.0 - 0.5;
    squares += (v / 255.0 - 0.5) * (v / 255.0 - 0.5);
  }
  const double n = static_cast<double>(noisy->values.size());
  EXPECT_NEAR(sum / n, 0.0, 0.002);                // 31360 draws: standard error 0.00045
  EXPECT_NEAR(std::sqrt(squares / n), 0.08, 0.002);
}

// Corrupting chosen rows only (the OOD limit's subsample) gives exactly those rows of the whole corrupted copy: every
// image keeps the random stream of its index, and the scale comes from the whole clean set.
TEST(Corruptions, ChosenRowsEqualThoseRowsOfTheWholeCopy) {
  const std::vector<int64_t> rows = {37, 2, 19, 0, 38, 5};
  for (const char* name : {"gaussian_noise", "fog", "rotation", "jpeg_compression"}) {
    const Shift shift{name, 4};
    auto whole = apply_shift(real_images(), shift, 11);
    auto chosen = apply_shift_to_rows(real_images(), rows, shift, 11);
    ASSERT_TRUE(whole.ok() && chosen.ok()) << name;
    const Dataset expected = take_rows(*whole, rows);
    EXPECT_EQ(chosen->name, whole->name);
    EXPECT_EQ(chosen->labels, expected.labels) << name;
    EXPECT_EQ(chosen->values, expected.values) << name;  // bitwise
  }
  auto outside = apply_shift_to_rows(real_images(), {3, 40}, Shift{"fog", 3}, 0);
  ASSERT_FALSE(outside.ok());
  EXPECT_NE(outside.error().find("no item 40"), std::string::npos) << outside.error();
}

// Found by fuzz_dataset_spec ("…@8x8666+fog:4"): fog's fractal had the image's larger side squared (16384², 2 GB
// for one 8 x 8666 image). Its side is now at most 1024 and repeats beyond: a long image fogs in bounded memory, and
// an image within 1024 px is fogged exactly as before (the fractal and the pixels it reads are unchanged).
TEST(Corruptions, FogOfALongThinImageTakesBoundedMemory) {
  Dataset thin;
  thin.name = "thin";
  thin.element_type = "uint8";
  thin.item_shape = {1, 8, 3000};
  thin.class_names = {"a"};
  thin.labels = {0};
  thin.values.assign(8 * 3000, 100.0f);
  auto fogged = apply_shift(thin, Shift{"fog", 4}, 0);
  ASSERT_TRUE(fogged.ok()) << fogged.error();
  for (float v : fogged->values) ASSERT_TRUE(v >= 0.0f && v <= 255.0f);
  // The fog repeats every 1024 columns, like the torus it was drawn on.
  EXPECT_EQ(fogged->values[5 * 3000 + 7], fogged->values[5 * 3000 + 7 + 1024]);
  EXPECT_NE(fogged->values[5 * 3000 + 7], fogged->values[5 * 3000 + 8]);
}

TEST(Corruptions, VectorsAreRejected) {
  Dataset vectors;
  vectors.name = "features";
  vectors.item_shape = {4};
  vectors.values.assign(8, 1.0f);
  vectors.labels = {0, 1};
  vectors.class_names = {"a", "b"};
  EXPECT_FALSE(apply_shift(vectors, {"fog", 1}, 0).ok());
}

TEST(TransferSets, SelectClassesRelabels) {
  auto subset = select_classes(real_images(), {9, 2});
  ASSERT_TRUE(subset.ok()) << subset.error();
  EXPECT_EQ(subset->class_names, (std::vector<std::string>{"Ankle boot", "Pullover"}));
  for (size_t i = 0; i < subset->labels.size(); ++i) EXPECT_LT(subset->labels[i], 2);
  EXPECT_EQ(subset->labels[0], 0);  // the first test image is an ankle boot
  EXPECT_FALSE(select_classes(real_images(), {3, 3}).ok());
  EXPECT_FALSE(select_classes(real_images(), {10}).ok());
}

TEST(TransferSets, DigitsResizeTo28x28InUint8Units) {
  auto digits = open_dataset("uci-digits");
  if (!digits.ok()) GTEST_SKIP() << digits.error();  // python3-sklearn is installed by install-deps; be explicit
  auto resized = resize_images(*digits, 28, 28, 255.0f);
  ASSERT_TRUE(resized.ok()) << resized.error();
  EXPECT_EQ(resized->item_shape, (std::vector<int64_t>{1, 28, 28}));
  EXPECT_EQ(resized->count(), 1797);
  const auto summary = summarize(*resized);
  EXPECT_NEAR(summary.max_value, 255.0f, 1e-3);
  EXPECT_GE(summary.min_value, 0.0f);
  // Bilinear resampling keeps the mean intensity of each image within a few percent.
  double before = 0, after = 0;
  for (int k = 0; k < 64; ++k) before += digits->item(5)[k] / 16.0 / 64;
  for (int k = 0; k < 784; ++k) after += resized->item(5)[k] / 255.0 / 784;
  EXPECT_NEAR(after, before, 0.03);
}

TEST(Corruptions, ShiftedDatasetsOpenBySpec) {
  auto fog = open_dataset("fashion-mnist:test+fog:2");
  ASSERT_TRUE(fog.ok()) << fog.error();
  EXPECT_EQ(fog->name, "fashion-mnist:test+fog:2");
  EXPECT_EQ(fog->count(), 10000);
  auto bad = open_dataset("fashion-mnist:test+fog:7");
  EXPECT_FALSE(bad.ok());
}

TEST(TransferSets, SubsetAndResizeOpenBySpec) {
  auto subset = open_dataset("fashion-mnist:test[5,6,7,8,9]");
  ASSERT_TRUE(subset.ok()) << subset.error();
  EXPECT_EQ(subset->count(), 5000);
  EXPECT_EQ(subset->class_names.front(), "Sandal");
  auto digits = open_dataset("uci-digits@28x28");
  ASSERT_TRUE(digits.ok()) << digits.error();
  EXPECT_EQ(digits->item_shape, (std::vector<int64_t>{1, 28, 28}));
  EXPECT_EQ(digits->name, "uci-digits@28x28");
  auto bad = open_dataset("fashion-mnist:test[a,b]");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("class list"), std::string::npos);
  EXPECT_FALSE(open_dataset("fashion-mnist:test[10]").ok());
}

}  // namespace
}  // namespace ms::data
