// The analysis defaults a user keeps between sessions (QSettings): threads and the GLUE sample sizes, the shift
// severity, the data sets (and the user's OOD sets with their item limit), whether to cache activations, the device
// of the forward passes. The Settings
// dialog edits them; the Analyze dialog starts from them and stores what was last run.
#pragma once

#include <QString>

namespace ms::gui {

inline constexpr int kMaxOodLimit = 100000000;  // the Analyze dialog's spin box range

struct AnalysisSettings {
  int threads = 0;                  // 0 = the machine's hardware threads
  int points_per_class = 50;        // GLUE points per manifold (also the geometry sample per class)
  int n_t = 200;                    // GLUE samples
  int severity = 3;                 // of the shifts
  QString id_dataset = "fashion-mnist:test";
  QString transfer_dataset = "uci-digits@28x28";
  bool cache_activations = false;
  QString ood_sets;                 // the Analyze dialog's "NAME=SPEC; …" field, as last run
  int ood_limit = 0;                // items per OOD set, 0 = all
  QString device = "cpu";           // forward passes: cpu, cuda, cuda:N (model::check_device when analysing)

  int effective_threads() const;    // threads, or the hardware threads when 0
  static AnalysisSettings load();   // defaults for what was never saved
  void save() const;
};

}  // namespace ms::gui
