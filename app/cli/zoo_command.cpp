// `manifoldscope zoo train --preset quick --out DIR`: train the demo model zoo (MLP, CNN, residual CNN on
// Fashion-MNIST over lr x weight decay x seed x optimizer) into TorchScript checkpoints with JSON sidecars.
#include <QDir>

#include "app/cli/cli_progress.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "core/data/dataset_registry.h"

#ifdef MS_HAVE_MODEL
#include "core/model/zoo.h"
#include "core/pipeline/zoo_sweep.h"
#endif

namespace ms::cli {

int run_zoo(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      "Train the demo model zoo: every architecture x optimizer x learning rate x weight decay x seed of a preset.\n"
      "Writes OUT/NAME.pt (TorchScript), OUT/NAME.json (settings and test accuracy) and OUT/zoo.csv.\n"
      "Resumable: runs already in OUT are skipped, so an interrupted sweep continues where it stopped.\n"
      "Presets: quick (12 runs, 1 epoch on 10k images: minutes); study (CNN and residual CNN, 4 lr x 3 wd x 2 seeds "
      "x SGD/AdamW: 96 runs, 3 epochs on 60k images with warm-up + cosine decay: hours); paper "
      "(3 architectures, 4 lr x 4 wd x 3 seeds per optimizer: 288 runs, 5 epochs on 60k images: many hours).");
  parser.addPositionalArgument("train", "The action (only `train`).", "train");
  const QCommandLineOption preset("preset", "Grid preset: quick, study or paper.", "NAME", "quick");
  const QCommandLineOption out("out", "Output folder.", "DIR");
  const QCommandLineOption train("train-data", "Training dataset.", "SPEC", "fashion-mnist:train");
  const QCommandLineOption test("test-data", "Evaluation dataset.", "SPEC", "fashion-mnist:test");
  const QCommandLineOption threads("threads", "Torch threads.", "N", "2");
  const QCommandLineOption runs("runs", "Train only the first N runs of the grid (0 = all).", "N", "0");
  for (const QCommandLineOption& option : {preset, out, train, test, threads, runs}) parser.addOption(option);
  if (int code = parse_or_exit(parser, "zoo", arguments); code >= 0) return code;

  if (parser.positionalArguments() != QStringList{"train"}) {
    print_error("zoo: expected the action `train` (see `manifoldscope zoo --help`)");
    return 2;
  }
  if (!parser.isSet(out)) {
    print_error("zoo train: --out DIR is required");
    return 2;
  }
  long long thread_count = 0, run_limit = 0;
  if (!parse_count(parser, "threads", &thread_count) || !parse_count(parser, "runs", &run_limit)) return 2;
#ifdef MS_HAVE_MODEL
  Result<model::ZooPreset> grid = model::zoo_preset(parser.value(preset).toStdString());
  if (!grid) {
    print_error("zoo train: " + QString::fromStdString(grid.error()));
    return 2;
  }
  Result<data::Dataset> train_data = data::open_dataset(parser.value(train).toStdString());
  Result<data::Dataset> test_data = data::open_dataset(parser.value(test).toStdString());
  for (const Result<data::Dataset>* opened : {&train_data, &test_data})
    if (!*opened) {
      print_error(QString::fromStdString(opened->error()));
      return 1;
    }
  std::vector<model::ZooRun> all = model::expand(*grid);
  if (run_limit > 0 && static_cast<size_t>(run_limit) < all.size()) all.resize(run_limit);

  const std::string folder = parser.value(out).toStdString();
  StderrProgress progress;
  CancelToken cancel;
  CancelOnInterrupt interrupt(cancel);
  auto print_run = [&](size_t index, const model::ZooRun& run, const model::ZooResult& result) {
    const QString name = QString::fromStdString(run.name()).leftJustified(36);
    if (result.diverged)
      print_out(QString("%1/%2  %3  diverged (no checkpoint)").arg(index + 1).arg(all.size()).arg(name));
    else
      print_out(QString("%1/%2  %3  test accuracy %4  loss %5  (%6 s)")
                    .arg(index + 1)
                    .arg(all.size())
                    .arg(name)
                    .arg(result.test_accuracy, 0, 'f', 4)
                    .arg(result.test_loss, 0, 'f', 4)
                    .arg(result.seconds, 0, 'f', 1));
  };
  Result<pipeline::ZooSweepSummary> summary = pipeline::train_zoo_sweep(
      all, *train_data, *test_data, folder, static_cast<int>(thread_count), progress, cancel, print_run);
  if (!summary) {
    print_error(QString::fromStdString(summary.error()));
    return 1;
  }
  print_out(QString("%1 trained, %2 already done, %3 diverged; table: %4")
                .arg(summary->trained)
                .arg(summary->skipped)
                .arg(summary->diverged)
                .arg(QDir(QString::fromStdString(folder)).filePath("zoo.csv")));
  return 0;
#else
  print_error("zoo: this build has no model support (configure with -DMS_BUILD_TORCH=ON)");
  return 1;
#endif
}

}  // namespace ms::cli
