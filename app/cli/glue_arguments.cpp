#include "app/cli/glue_arguments.h"

#include "app/cli/command_line.h"

namespace ms::cli {

void add_glue_options(QCommandLineParser& parser, const QString& seed_help, const QString& threads_default) {
  const geometry::GlueOptions defaults;
  parser.addOptions({
      {"points-per-manifold", "Geometry sample per class (points subsampled per class).", "K",
       QString::number(defaults.points_per_manifold)},
      {"n-t", "GLUE samples (probes t_k).", "N", QString::number(defaults.n_t)},
      {"dichotomies", "random | one_vs_rest | all.", "KIND", geometry::to_string(defaults.dichotomies)},
      {"inactive", "zero_row (A) | zero_axis (B) | active_only (C).", "POLICY", geometry::to_string(defaults.inactive)},
      {"preprocess", "none | center.", "KIND", geometry::to_string(defaults.preprocess)},
      {"repeats", "Independent subsamplings (mean and std reported).", "R", QString::number(defaults.repeats)},
      {"seed", seed_help, "S", QString::number(defaults.seed)},
      {"threads", "Worker threads (0: all cores).", "T", threads_default},
  });
}

int read_glue_options(const QCommandLineParser& parser, const QString& command, geometry::GlueOptions& options) {
  long long points = 0, samples = 0, repeats = 0, seed = 0, threads = 0;
  if (!parse_count(parser, "points-per-manifold", &points) || !parse_count(parser, "n-t", &samples) ||
      !parse_count(parser, "repeats", &repeats) || !parse_count(parser, "seed", &seed) ||
      !parse_count(parser, "threads", &threads))
    return 2;
  options.points_per_manifold = static_cast<int>(points);
  options.n_t = static_cast<int>(samples);
  options.repeats = static_cast<int>(repeats);
  options.seed = static_cast<uint64_t>(seed);
  options.threads = static_cast<int>(threads);
  const QString dichotomies = parser.value("dichotomies"), inactive = parser.value("inactive"),
                preprocess = parser.value("preprocess");
  QString error;
  if (!geometry::parse_dichotomies(dichotomies.toStdString(), &options.dichotomies))
    error = "--dichotomies expects random, one_vs_rest or all, got '" + dichotomies + "'";
  else if (!geometry::parse_inactive_policy(inactive.toStdString(), &options.inactive))
    error = "--inactive expects zero_row, zero_axis, active_only (or A, B, C), got '" + inactive + "'";
  else if (!geometry::parse_preprocess(preprocess.toStdString(), &options.preprocess))
    error = "--preprocess expects none or center, got '" + preprocess + "'";
  else if (Status valid = geometry::validate(options); !valid.ok())
    error = QString::fromStdString(valid.error());
  if (error.isEmpty()) return -1;
  print_error(command + ": " + error);
  return 2;
}

}  // namespace ms::cli
