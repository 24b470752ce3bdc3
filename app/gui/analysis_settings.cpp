#include "app/gui/analysis_settings.h"

#include <QSettings>
#include <QThread>
#include <algorithm>

namespace ms::gui {

int AnalysisSettings::effective_threads() const {
  return threads > 0 ? threads : std::max(1, QThread::idealThreadCount());
}

AnalysisSettings AnalysisSettings::load() {
  const AnalysisSettings defaults;
  QSettings settings;
  settings.beginGroup("analysis");
  AnalysisSettings loaded;
  loaded.threads = std::clamp(settings.value("threads", defaults.threads).toInt(), 0, 256);
  loaded.points_per_class = std::clamp(settings.value("points_per_class", defaults.points_per_class).toInt(), 2, 100000);
  loaded.n_t = std::clamp(settings.value("n_t", defaults.n_t).toInt(), 1, 100000);
  loaded.severity = std::clamp(settings.value("severity", defaults.severity).toInt(), 1, 5);
  loaded.id_dataset = settings.value("id_dataset", defaults.id_dataset).toString();
  loaded.transfer_dataset = settings.value("transfer_dataset", defaults.transfer_dataset).toString();
  loaded.cache_activations = settings.value("cache_activations", defaults.cache_activations).toBool();
  loaded.ood_sets = settings.value("ood_sets", defaults.ood_sets).toString();
  loaded.ood_limit = std::clamp(settings.value("ood_limit", defaults.ood_limit).toInt(), 0, kMaxOodLimit);
  loaded.device = settings.value("device", defaults.device).toString();
  return loaded;
}

void AnalysisSettings::save() const {
  QSettings settings;
  settings.beginGroup("analysis");
  settings.setValue("threads", threads);
  settings.setValue("points_per_class", points_per_class);
  settings.setValue("n_t", n_t);
  settings.setValue("severity", severity);
  settings.setValue("id_dataset", id_dataset);
  settings.setValue("transfer_dataset", transfer_dataset);
  settings.setValue("cache_activations", cache_activations);
  settings.setValue("ood_sets", ood_sets);
  settings.setValue("ood_limit", ood_limit);
  settings.setValue("device", device);
}

}  // namespace ms::gui
