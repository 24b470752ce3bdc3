// Pairwise model selection (spec §7, the paper's Section 4): for two weight variants of one architecture evaluated on
// one dataset, the geometry rule predicts that the variant with higher ID D_eff AND higher ID Psi_eff transfers better
// (no prediction when the two markers disagree or tie); the baseline predicts that higher ID accuracy wins.
// Score = share of (architecture, dataset) pairs predicted right; an abstention counts as not right.
//
// Inputs:
//   variants  one entry per (architecture, dataset, variant); every unordered pair of entries sharing
//             architecture and dataset is one comparison. Pairs whose OOD performance ties have no right answer
//             and are not counted.
// Outputs:
//   ModelSelectionScores: for each rule, pairs / predicted / correct and score = correct / pairs.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Core>

namespace ms::stats {

struct ModelVariant {
  std::string architecture;
  std::string dataset;
  double id_dimension = 0.0;     // D_eff on ID data
  double id_utility = 0.0;       // Psi_eff on ID data
  double id_accuracy = 0.0;
  double ood_performance = 0.0;  // e.g. linear-probe accuracy on the OOD dataset
};

struct SelectionScore {
  long pairs = 0;      // comparisons with a right answer
  long predicted = 0;  // comparisons where the rule made a prediction
  long correct = 0;    // predictions that picked the variant with higher OOD performance
  double score = 0.0;  // correct / pairs (NaN when pairs == 0)
};

struct ModelSelectionScores {
  SelectionScore geometry;     // higher D_eff and higher Psi_eff
  SelectionScore id_accuracy;  // higher ID accuracy
};

ModelSelectionScores score_pairwise_selection(const std::vector<ModelVariant>& variants);

// The same pairwise test for one predictor: of two checkpoints of one group (an architecture) whose OOD values
// differ, the predictor picks the one with the higher value (no pick on a tie, which counts as not right). Pairs
// with a NaN on either side are left out. Any marker, ID accuracy or a label-free estimate can be scored this way;
// a score below 0.5 means the predictor ranks backwards (its negation scores 1 - score when nothing ties).
//   predictor, ood  one value per checkpoint;  groups  one label per checkpoint (empty: one group)
SelectionScore score_predictor_selection(const Eigen::Ref<const Eigen::VectorXd>& predictor,
                                         const Eigen::Ref<const Eigen::VectorXd>& ood,
                                         const std::vector<std::string>& groups = {});

}  // namespace ms::stats
