// `manifoldscope analyze CHECKPOINTS… --project FILE.msproj [--id DATASET] [--ood SHIFT…] [--ood-set NAME=SPEC]…
// [--ood-limit N] [--transfer DATASET] [--shard I/N] [--mpi] [--device cpu|cuda[:N]] …`: every marker of every layer of every
// checkpoint, OOD accuracy (with its 95 % interval) per shift and per user set, and transfer probe accuracy.
#include <algorithm>
#include <thread>

#include "app/cli/cli_progress.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/glue_arguments.h"
#include "core/data/corruptions.h"

#ifdef MS_HAVE_MODEL
#include "core/model/layer_selection.h"
#include "core/model/model.h"
#include "core/pipeline/analyse_job.h"
#include "core/pipeline/memory_plan.h"
#include "core/pipeline/ood_inputs.h"
#endif
#ifdef MS_HAVE_MPI
#include "core/cluster/mpi_analyse.h"
#endif

namespace ms::cli {
namespace {

// `--ood fog:3 contrast:3` (values after one flag) becomes `--ood fog:3 --ood contrast:3` for QCommandLineParser.
QStringList spread_multi_values(const QStringList& arguments, const QString& flag) {
  QStringList out;
  bool in_flag = false;
  for (const QString& argument : arguments) {
    if (argument == flag) {
      in_flag = true;
      continue;
    }
    if (in_flag && !argument.startsWith('-') && data::parse_shift(argument.toStdString()).ok()) {
      out << flag << argument;
      continue;
    }
    in_flag = false;
    out << argument;
  }
  return out;
}

// The options of `analyze`, declared on `parser` (read back by name).
void add_analyze_options(QCommandLineParser& parser) {
  parser.setApplicationDescription(
      "Analyse TorchScript checkpoints (files, or folders of *.pt): GLUE and baseline markers of every layer on the\n"
      "ID data, logit markers, accuracy on shifted copies (--ood) and on your own OOD sets (--ood-set), and\n"
      "linear-probe transfer (--transfer).\n"
      "Results go to the project file and a tidy CSV beside it. Ctrl-C cancels cleanly; re-running skips\n"
      "checkpoints that are already complete.\nShifts: " +
      QString::fromStdString([] {
        std::string names;
        for (const auto& name : data::corruption_names()) names += (names.empty() ? "" : ", ") + name;
        return names;
      }()) + " (NAME:SEVERITY, severity 1-5).");
  parser.addPositionalArgument("checkpoints", "TorchScript files or folders.", "CHECKPOINT…");
  const QCommandLineOption project("project", "Project file to create or extend (required).", "FILE.msproj");
  const QCommandLineOption csv("csv", "Tidy CSV (default: the project path with .csv).", "FILE.csv");
  const QCommandLineOption id("id", "ID dataset.", "DATASET", "fashion-mnist:test");
  const QCommandLineOption ood("ood", "Shifted copies of the ID set, e.g. fog:3 contrast:3.", "SHIFT");
  const QCommandLineOption ood_set("ood-set",
                                   "A dataset of yours evaluated as an OOD set named NAME (column acc_NAME), e.g.\n"
                                   "c10c-fog3=CIFAR-10-C/fog.npy:3; SPEC is any dataset spec (see `datasets`).\n"
                                   "Same item shape and number of classes as the ID set. Repeatable.",
                                   "NAME=SPEC");
  const QCommandLineOption ood_limit("ood-limit",
                                     "Evaluate each OOD set (shifts and --ood-set) on a class-stratified, seeded\n"
                                     "subsample of at most N items (0 = all); the accuracy's 95 % Wilson interval\n"
                                     "and n are stored either way.",
                                     "N", "0");
  const QCommandLineOption transfer("transfer", "Transfer dataset for the linear probe (same image size), e.g. "
                                                "uci-digits@28x28 or 'fashion-mnist:test[5,6,7,8,9]'.", "DATASET");
  const QCommandLineOption layers("layers", "Comma-separated module paths, layer ids or globs (layer*, features.*), "
                                             "or the keywords blocks and penultimate (default: all; see `layers`).",
                                   "TERMS");
  const QCommandLineOption batch("batch-size", "Images per forward pass.", "B", "500");
  const QCommandLineOption memory("memory-budget",
                                  "Memory for the geometry sample's activations, e.g. 4G: layers are extracted in\n"
                                  "groups that fit it (default: half the available memory).", "SIZE");
  const QCommandLineOption project_dim("project-dim",
                                       "Project layers wider than K features to K by a fixed sparse random projection\n"
                                       "(seeded by --seed) while they are extracted; 0 = never.", "K", "0");
  const QCommandLineOption cache("cache-activations",
                                 "Keep each checkpoint's geometry-sample activations in FILE.msproj.activations/ and,\n"
                                 "on a re-run with other geometry options, compute from them without the forward pass.");
  const QCommandLineOption shard("shard",
                                 "Analyse only slice I of N of the checkpoints (0 <= I < N; every N-th of the sorted\n"
                                 "list from the I-th), for array jobs: one project per slice, joined by `merge`.",
                                 "I/N", "0/1");
  const QCommandLineOption device("device",
                                  "Where forward passes run: cpu, cuda or cuda:N (a CUDA build of LibTorch is needed\n"
                                  "for cuda; Debian's is CPU-only). The geometry runs on the CPU either way.",
                                  "DEVICE", "cpu");
  const QCommandLineOption plain("no-inference-copy",
                                 "Logits through the checkpoint as loaded, not through its frozen, inference-optimised\n"
                                 "copy (batch norm folded, oneDNN kernels: 1-4x faster; used only where it agrees with\n"
                                 "the checkpoint on the first batch, to 1e-3 relative).");
  const QCommandLineOption mpi("mpi",
                               "Under `mpirun -n K`: spread the checkpoints over the K ranks (a rank that finishes\n"
                               "takes the next); rank 0 reports progress and writes the project.");
  parser.addOptions({project, csv, id, ood, ood_set, ood_limit, transfer, layers, batch, memory, project_dim, cache,
                     shard, mpi, device, plain});
  add_glue_options(parser, "Seed for sampling, shifts and GLUE.", "2");
}

#ifdef MS_HAVE_MODEL
// Exits with 2 after printing an error naming the option.
int fail(const QString& message) {
  print_error("analyze: " + message);
  return 2;
}

// --ood, --ood-set, --layers, --shard and --device: what to evaluate, which layers and checkpoints, and where
// (pipeline::validate checks the device).
int read_targets(const QCommandLineParser& parser, pipeline::AnalyseOptions& options) {
  for (const QString& text : parser.values("ood")) {
    auto shift = data::parse_shift(text.toStdString());
    if (!shift) return fail(QString::fromStdString(shift.error()));
    options.shifts.push_back(*shift);
  }
  for (const QString& text : parser.values("ood-set")) {
    auto set = pipeline::parse_ood_set(text.toStdString());
    if (!set) return fail(QString::fromStdString(set.error()));
    options.ood_sets.push_back(*set);
  }
  if (parser.isSet("layers")) options.layers = model::split_layer_terms(parser.value("layers").toStdString());
  auto shard = pipeline::parse_shard(parser.value("shard").toStdString());
  if (!shard) return fail(QString::fromStdString(shard.error()));
  options.shard = *shard;
  options.device = parser.value("device").toStdString();
  return -1;
}

// The numeric and GLUE options, and the memory they may take.
int read_settings(const QCommandLineParser& parser, pipeline::AnalyseOptions& options) {
  if (int code = read_glue_options(parser, "analyze", options.glue); code >= 0) return code;
  long long batch_size = 0, limit = 0, projected = 0;
  if (!parse_count(parser, "ood-limit", &limit) || !parse_count(parser, "batch-size", &batch_size) ||
      !parse_count(parser, "project-dim", &projected))
    return 2;
  options.seed = options.glue.seed;
  // LibTorch's pool with 0 threads would keep its own setting (1 here): "all cores" is said explicitly.
  options.baselines.threads = options.glue.threads;
  options.batch.threads =
      options.glue.threads > 0 ? options.glue.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.batch.batch_size = batch_size;
  options.ood_limit = limit;
  options.project_dim = projected;
  options.cache_activations = parser.isSet("cache-activations");
  options.batch.inference_copy = !parser.isSet("no-inference-copy");
  if (parser.isSet("memory-budget")) {
    Result<int64_t> budget = pipeline::parse_bytes(parser.value("memory-budget").toStdString());
    if (!budget) return fail("--memory-budget: " + QString::fromStdString(budget.error()));
    options.memory_budget_bytes = *budget;
  }
  return -1;
}

// Everything the command line says, or the exit code of its first error.
int read_analyze_options(const QCommandLineParser& parser, pipeline::AnalyseOptions& options) {
  for (const QString& path : parser.positionalArguments()) options.checkpoints.push_back(path.toStdString());
  if (options.checkpoints.empty()) return fail("name at least one checkpoint file or folder");
  if (!parser.isSet("project")) return fail("--project FILE.msproj is required");
  options.project_path = parser.value("project").toStdString();
  options.csv_path = parser.value("csv").toStdString();
  options.id_dataset = parser.value("id").toStdString();
  options.transfer_dataset = parser.value("transfer").toStdString();
  if (int code = read_targets(parser, options); code >= 0) return code;
  if (int code = read_settings(parser, options); code >= 0) return code;
  // The checks run_analyse makes again (the GUI's path): here they are bad arguments, exit 2.
  if (Status valid = pipeline::validate(options); !valid.ok()) return fail(QString::fromStdString(valid.error()));
  return -1;
}

int report_summary(const pipeline::AnalyseSummary& summary, const pipeline::AnalyseOptions& options) {
  for (const std::string& warning : summary.warnings)
    print_error("analyze: warning: " + QString::fromStdString(warning));
  for (const std::string& failure : summary.failures) print_error("analyze: " + QString::fromStdString(failure));
  print_out(QString("%1 checkpoint(s) analysed%7, %2 already complete, %3 failed%4.\nProject: %5\nTable:   %6")
                .arg(summary.analysed)
                .arg(summary.skipped)
                .arg(summary.failures.size())
                .arg(summary.cancelled ? ", cancelled (finished work is saved)" : "")
                .arg(QString::fromStdString(summary.project_path), QString::fromStdString(summary.csv_path))
                .arg(options.cache_activations ? QString(" (%1 from the activation cache)").arg(summary.cache_hits)
                                               : QString()));
  return summary.cancelled ? 130 : summary.failures.empty() ? 0 : 1;
}

// `--mpi`: the same analysis spread over the MPI ranks; only rank 0 prints.
int run_analyze_mpi(const pipeline::AnalyseOptions& options, CancelToken& cancel) {
#ifdef MS_HAVE_MPI
  if (options.shard.count > 1) return fail("--mpi and --shard are two ways to split a sweep: use one");
  auto result = [&] {
    StderrProgress progress;  // only rank 0 reports
    return cluster::run_analyse_mpi(options, progress, cancel);
  }();
  if (!result) {
    print_error("analyze: " + QString::fromStdString(result.error()));
    return 1;
  }
  if (result->rank != 0) return result->summary.failures.empty() ? 0 : 1;
  print_out(QString("MPI: %1 rank(s).").arg(result->ranks));
  return report_summary(result->summary, options);
#else
  (void)options, (void)cancel;
  print_error("analyze: this build has no MPI support (install libopenmpi-dev and reconfigure)");
  return 1;
#endif
}
#endif

}  // namespace

int run_analyze(const QStringList& raw_arguments) {
  QCommandLineParser parser;
  add_analyze_options(parser);
  const QStringList arguments = spread_multi_values(raw_arguments, "--ood");
  if (int code = parse_or_exit(parser, "analyze", arguments); code >= 0) return code;

#ifndef MS_HAVE_MODEL
  print_error("analyze: this build has no LibTorch support (configure with -DMS_BUILD_TORCH=ON)");
  return 1;
#else
  pipeline::AnalyseOptions options;
  if (int code = read_analyze_options(parser, options); code >= 0) return code;
  CancelToken cancel;
  CancelOnInterrupt interrupt(cancel);
  if (parser.isSet("mpi")) return run_analyze_mpi(options, cancel);
  Result<pipeline::AnalyseSummary> summary = [&] {
    StderrProgress progress;
    return pipeline::run_analyse(options, progress, cancel);
  }();
  if (!summary) {
    print_error("analyze: " + QString::fromStdString(summary.error()));
    return 1;
  }
  return report_summary(*summary, options);
#endif
}

}  // namespace ms::cli
