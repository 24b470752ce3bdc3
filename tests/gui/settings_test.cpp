// Edit > Settings…: the analysis defaults are kept between sessions and the Analyze dialog starts from them.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QSettings>
#include <QSpinBox>

#include "app/gui/analysis_settings.h"
#include "app/gui/settings_dialog.h"
#ifdef MS_HAVE_MODEL
#include "app/gui/model/analyze_dialog.h"
#endif

namespace ms {
namespace {

// Each test process has settings of its own (tests/gui/gui_test_support.h): empty at the start, in a temporary
// folder, never the user's.
TEST(Settings, EveryTestProcessStartsFromEmptySettingsOfItsOwn) {
  const QString home = QString::fromLocal8Bit(qgetenv("HOME"));
  ASSERT_TRUE(home.startsWith(QDir::tempPath() + "/manifoldscope-gui-test-")) << home.toStdString();
  QSettings settings;
  EXPECT_TRUE(settings.fileName().startsWith(home)) << settings.fileName().toStdString();
  EXPECT_TRUE(settings.allKeys().isEmpty()) << settings.allKeys().join(", ").toStdString();
}

TEST(Settings, TheDialogSavesTheAnalysisDefaultsAndTheAnalyzeDialogStartsFromThem) {
  gui::AnalysisSettings defaults;
  defaults.ood_sets = "mine=/data/fog.npy:3";  // set by the Analyze dialog; the Settings dialog keeps it
  defaults.ood_limit = 500;
  defaults.save();
  gui::SettingsDialog dialog;
  auto spins = dialog.findChildren<QSpinBox*>();
  ASSERT_EQ(spins.size(), 4);  // threads, points, n_t, severity (form order)
  spins[0]->setValue(1);
  spins[1]->setValue(30);
  spins[2]->setValue(77);
  spins[3]->setValue(5);
  dialog.findChild<QCheckBox*>()->setChecked(true);
  QComboBox* device = dialog.findChild<QComboBox*>();
  ASSERT_NE(device, nullptr);
  EXPECT_EQ(device->currentText(), "cpu");
  device->setCurrentText("cuda:0");
  dialog.accept();
  const gui::AnalysisSettings stored = gui::AnalysisSettings::load();
  EXPECT_EQ(stored.threads, 1);
  EXPECT_EQ(stored.points_per_class, 30);
  EXPECT_EQ(stored.n_t, 77);
  EXPECT_EQ(stored.severity, 5);
  EXPECT_TRUE(stored.cache_activations);
  EXPECT_EQ(stored.effective_threads(), 1);
  EXPECT_EQ(stored.device, "cuda:0");
  EXPECT_EQ(stored.ood_sets, "mine=/data/fog.npy:3");
  EXPECT_EQ(stored.ood_limit, 500);
#ifdef MS_HAVE_MODEL
  const pipeline::AnalyseOptions options = gui::AnalyzeDialog("x.msproj").options();
  EXPECT_EQ(options.glue.points_per_manifold, 30);
  EXPECT_EQ(options.glue.n_t, 77);
  EXPECT_EQ(options.glue.threads, 1);
  EXPECT_TRUE(options.cache_activations);
  ASSERT_FALSE(options.shifts.empty());
  EXPECT_EQ(options.shifts.front().severity, 5);
  EXPECT_EQ(options.device, "cuda:0") << "offered as remembered; Analyze says whether this LibTorch can use it";
#endif
}

}  // namespace
}  // namespace ms
