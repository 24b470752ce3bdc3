#include "core/stats/model_selection.h"

#include <cmath>
#include <limits>

namespace ms::stats {

namespace {

// +1 when the rule picks a, -1 when it picks b, 0 when it abstains.
int geometry_pick(const ModelVariant& a, const ModelVariant& b) {
  if (a.id_dimension > b.id_dimension && a.id_utility > b.id_utility) return 1;
  if (a.id_dimension < b.id_dimension && a.id_utility < b.id_utility) return -1;
  return 0;
}

int accuracy_pick(const ModelVariant& a, const ModelVariant& b) {
  return a.id_accuracy > b.id_accuracy ? 1 : (a.id_accuracy < b.id_accuracy ? -1 : 0);
}

void tally(SelectionScore& score, int pick, int truth) {
  ++score.pairs;
  if (pick == 0) return;
  ++score.predicted;
  if (pick == truth) ++score.correct;
}

void finish(SelectionScore& score) {
  score.score = score.pairs > 0 ? static_cast<double>(score.correct) / static_cast<double>(score.pairs)
                                : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

ModelSelectionScores score_pairwise_selection(const std::vector<ModelVariant>& variants) {
  ModelSelectionScores scores;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    for (std::size_t j = i + 1; j < variants.size(); ++j) {
      const ModelVariant& a = variants[i];
      const ModelVariant& b = variants[j];
      if (a.architecture != b.architecture || a.dataset != b.dataset) continue;
      if (a.ood_performance == b.ood_performance) continue;
      const int truth = a.ood_performance > b.ood_performance ? 1 : -1;
      tally(scores.geometry, geometry_pick(a, b), truth);
      tally(scores.id_accuracy, accuracy_pick(a, b), truth);
    }
  }
  finish(scores.geometry);
  finish(scores.id_accuracy);
  return scores;
}

SelectionScore score_predictor_selection(const Eigen::Ref<const Eigen::VectorXd>& predictor,
                                         const Eigen::Ref<const Eigen::VectorXd>& ood,
                                         const std::vector<std::string>& groups) {
  SelectionScore score;
  const Eigen::Index n = std::min(predictor.size(), ood.size());
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j) {
      if (!groups.empty() && groups[static_cast<size_t>(i)] != groups[static_cast<size_t>(j)]) continue;
      if (std::isnan(predictor(i)) || std::isnan(predictor(j)) || std::isnan(ood(i)) || std::isnan(ood(j))) continue;
      if (ood(i) == ood(j)) continue;
      const int truth = ood(i) > ood(j) ? 1 : -1;
      const int pick = predictor(i) > predictor(j) ? 1 : (predictor(i) < predictor(j) ? -1 : 0);
      tally(score, pick, truth);
    }
  finish(score);
  return score;
}

}  // namespace ms::stats
