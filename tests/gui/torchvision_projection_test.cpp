// The projection tab on a real torchvision model (a ResNet18 exported by PyTorch at test time, analysed by the real
// binary on a .npy ID set): it opens at the final classifier's input and steps to a block output by its module name.
#include <gtest/gtest.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QProcess>
#include <QTest>

#include "tests/gui/gui_test_support.h"

#ifdef MS_HAVE_MODEL
#include <QElapsedTimer>

#include "app/gui/job_runner.h"
#include "app/gui/model/projection_panel.h"
#include "core/pipeline/layer_projection.h"
#include "core/store/project_file.h"
#include "views/projection_view.h"
#endif

namespace ms::test {
namespace {

#ifdef MS_HAVE_MODEL
// Runs a program to the end; its exit code, or -1 when it did not finish in time.
int run(const QString& program, const QStringList& arguments, QString* output) {
  QProcess process;
  process.setProcessChannelMode(QProcess::MergedChannels);
  process.start(program, arguments);
  const bool finished = process.waitForFinished(240000);
  *output = QString::fromLocal8Bit(process.readAll());
  return finished && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

TEST(TorchvisionProjection, OpensAtThePenultimateLayerAndStepsToABlockByName) {
  const QString python = "/usr/bin/python3";
  QString log;
  if (run(python, {"-c", "import torch, torchvision"}, &log) != 0) GTEST_SKIP() << "no torch/torchvision: " << log.toStdString();
  const QString dir = QString(MS_TEST_OUTPUT_DIR) + "/gui-torchvision-" + QString::number(QCoreApplication::applicationPid());
  ASSERT_EQ(run(python, {QString(MS_SOURCE_DIR) + "/tests/unit/model/export_torchvision.py", "resnet18", dir}, &log), 0)
      << log.toStdString();
  const QString project_path = dir + "/resnet18.msproj";
  ASSERT_EQ(run(MS_BINARY, {"analyze", dir + "/resnet18_scripted.pt", "--project", project_path, "--id", dir + "/id.npy",
                            "--layers", "blocks,penultimate", "--points-per-manifold", "6", "--n-t", "10"},
                &log),
            0)
      << log.toStdString();
  auto project = store::read_project(project_path.toStdString());
  ASSERT_TRUE(project.ok()) << project.error();

  gui::JobRunner jobs;
  gui::ProjectionPanel panel(&jobs);
  panel.set_project(std::make_shared<const store::Project>(std::move(project).value()));
  ASSERT_TRUE(test::show_exposed(panel, 1100, 650));
  auto settle = [&] {
    QElapsedTimer clock;
    clock.start();
    while ((panel.busy() || panel.result() == nullptr) && clock.elapsed() < 120000) QTest::qWait(20);
    return !panel.busy() && panel.result() != nullptr;
  };
  panel.select_checkpoint("resnet18_scripted");
  ASSERT_TRUE(settle());
  const auto& layers = panel.layers();
  ASSERT_GT(layers.size(), 60u) << "every layer of the ResNet18 is offered";
  EXPECT_EQ(layers[static_cast<size_t>(panel.layer())].id, "flatten") << "the final classifier's input first";
  EXPECT_EQ(panel.view()->data().coords.rows(), 60) << "6 points of each of the 10 classes";

  // layer4.0, the second-to-last block, by the module name a forward hook gives it.
  int block = -1;
  for (size_t l = 0; l < layers.size(); ++l)
    for (const std::string& module : layers[l].module_outputs)
      if (module == "layer4.0") block = static_cast<int>(l);
  ASSERT_GE(block, 0);
  panel.select_layer(block);
  ASSERT_TRUE(settle());
  EXPECT_EQ(panel.result()->layers[panel.result()->layer_index].id, "layer4.0.relu:relu#2");
  QTest::qWait(50);
  EXPECT_GT(distinct_colours(panel.view()->grab_frame()), 20);
  save_screenshot(panel.grab().toImage(), "torchvision_resnet18_layer4_0");
}
#endif

}  // namespace
}  // namespace ms::test
