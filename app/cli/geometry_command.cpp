// `manifoldscope geometry FILE.h5 --features PATH --labels PATH [GLUE options] [--json]`: the GLUE markers
// (capacity, dimension, radius, utility, alignments) of one feature matrix stored in an HDF5 file, plus the
// participation ratio and NC1 baselines of the same subsampled points, with solver diagnostics and timing.
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cmath>

#include "app/cli/cli_progress.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/glue_arguments.h"
#include "core/data/hdf5_array_reader.h"
#include "core/geometry/baseline_nc1.h"
#include "core/geometry/baseline_spectrum.h"
#include "core/geometry/glue.h"

namespace ms::cli {
namespace {

QJsonValue json_number(double value) { return std::isfinite(value) ? QJsonValue(value) : QJsonValue(); }

QString number(double value) { return std::isfinite(value) ? QString::number(value, 'g', 6) : QString("nan"); }

struct Baselines {
  double participation_ratio = NAN, nc1 = NAN;
};

QJsonObject json_report(const geometry::GlueResult& r, const geometry::GlueOptions& o, const Baselines& b,
                        double seconds, const QString& file) {
  QJsonObject out;
  geometry::for_each_measure(r.mean, [&](const char* name, double v) { out[name] = json_number(v); });
  out["participation_ratio"] = json_number(b.participation_ratio);
  out["nc1"] = json_number(b.nc1);
  out["seconds"] = seconds;
  if (o.repeats > 1) {
    QJsonObject spread;
    geometry::for_each_measure(r.std, [&](const char* name, double v) { spread[name] = json_number(v); });
    out["std"] = spread;
  }
  out["num_manifolds"] = r.num_manifolds;
  out["num_points"] = static_cast<qint64>(r.points.size());
  out["num_features"] = r.num_features;
  out["file"] = file;
  out["options"] = QJsonObject{{"points_per_manifold", o.points_per_manifold},
                               {"n_t", o.n_t},
                               {"dichotomies", geometry::to_string(o.dichotomies)},
                               {"inactive", geometry::to_string(o.inactive)},
                               {"preprocess", geometry::to_string(o.preprocess)},
                               {"repeats", o.repeats},
                               {"seed", QString::number(o.seed)},
                               {"threads", o.threads}};
  const geometry::GlueDiagnostics& d = r.diagnostics;
  out["diagnostics"] = QJsonObject{{"solves", static_cast<qint64>(d.solves)},
                                   {"failed_solves", static_cast<qint64>(d.failed_solves)},
                                   {"total_iterations", static_cast<qint64>(d.total_iterations)},
                                   {"max_iterations", d.max_iterations},
                                   {"degenerate_solves", static_cast<qint64>(d.degenerate_solves)},
                                   {"worst_kkt_residual", d.worst_kkt_residual},
                                   {"worst_a_mismatch", d.worst_a_mismatch},
                                   {"max_support", d.max_support},
                                   {"gram_rank", d.gram_rank},
                                   {"coincident_repeats", d.coincident_repeats},
                                   {"gram_seconds", d.gram_seconds},
                                   {"solve_seconds", d.solve_seconds}};
  return out;
}

QString text_report(const geometry::GlueResult& r, const geometry::GlueOptions& o, const Baselines& b,
                    double seconds, const QString& file) {
  QString text = QString("%1: %2 manifolds x up to %3 points (%4 used), %5 features; n_t %6, %7 dichotomies, "
                         "inactive %8, preprocess %9, %10 repeat(s), seed %11\n")
                     .arg(file)
                     .arg(r.num_manifolds)
                     .arg(o.points_per_manifold)
                     .arg(r.points.size())
                     .arg(r.num_features)
                     .arg(o.n_t)
                     .arg(geometry::to_string(o.dichotomies), geometry::to_string(o.inactive),
                          geometry::to_string(o.preprocess))
                     .arg(o.repeats)
                     .arg(o.seed);
  std::vector<std::pair<QString, double>> spread;
  geometry::for_each_measure(r.std, [&](const char* name, double v) { spread.emplace_back(name, v); });
  size_t i = 0;
  geometry::for_each_measure(r.mean, [&](const char* name, double v) {
    QString line = QString("  %1 %2").arg(QString(name).leftJustified(32)).arg(number(v), 12);
    if (o.repeats > 1) line += QString("  +- %1").arg(number(spread[i].second));
    text += line + "\n";
    ++i;
  });
  text += QString("  %1 %2\n").arg(QString("participation_ratio").leftJustified(32)).arg(number(b.participation_ratio), 12);
  text += QString("  %1 %2\n").arg(QString("nc1").leftJustified(32)).arg(number(b.nc1), 12);
  const geometry::GlueDiagnostics& d = r.diagnostics;
  text += QString("solver: %1 solves, %2 failed, %3 degenerate, worst KKT residual %4, max support %5, Gram rank %6\n")
              .arg(d.solves)
              .arg(d.failed_solves)
              .arg(d.degenerate_solves)
              .arg(number(d.worst_kkt_residual))
              .arg(d.max_support)
              .arg(d.gram_rank);
  if (d.coincident_repeats > 0)
    text += QString("undefined: in %1 of %2 repeat(s) every sampled point is the same vector, so the manifolds "
                    "coincide and the GLUE measures are NaN\n")
                .arg(d.coincident_repeats)
                .arg(o.repeats);
  text += QString("time: %1 s (Gram %2 s, rest %3 s)").arg(number(seconds), number(d.gram_seconds),
                                                          number(d.solve_seconds));
  return text;
}

}  // namespace

int run_geometry(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      "GLUE geometry of the class manifolds of one feature matrix (spec glue.md): capacity alpha, effective "
      "dimension D_eff, radius R_eff, utility Psi_eff, center/axis/center-axis alignments (|cos|, plus _abs_inner "
      "and _signed variants), active fraction; participation ratio and NC1 of the same subsampled points.");
  parser.addPositionalArgument("file", "HDF5 file.", "FILE.h5");
  const QCommandLineOption features("features", "Dataset of features [n, d] (any numeric type).", "PATH");
  const QCommandLineOption labels("labels", "Dataset of class ids [n] in [0, P).", "PATH");
  const QCommandLineOption json("json", "Print one JSON object.");
  parser.addOptions({features, labels, json});
  add_glue_options(parser, "Seed of subsampling, probes and dichotomies.", "0");
  if (int code = parse_or_exit(parser, "geometry", arguments); code >= 0) return code;

  const QStringList positional = parser.positionalArguments();
  if (positional.size() != 1) {
    print_error("geometry: name exactly one HDF5 file (see `manifoldscope geometry --help`)");
    return 2;
  }
  if (!parser.isSet(features) || !parser.isSet(labels)) {
    print_error("geometry: --features and --labels are required");
    return 2;
  }
  geometry::GlueOptions options;
  if (int code = read_glue_options(parser, "geometry", options); code >= 0) return code;

  const QString file = positional.first();
  const auto dataset = data::read_hdf5_arrays(file.toStdString(), parser.value(features).toStdString(),
                                              parser.value(labels).toStdString());
  if (!dataset) {
    print_error(QString::fromStdString(dataset.error()));
    return 1;
  }
  const Eigen::Index n = dataset->count(), d = dataset->item_size();
  const Eigen::Map<const geometry::RowMatrixXf> X(dataset->values.data(), n, d);
  const Eigen::Map<const Eigen::VectorXi> y(dataset->labels.data(), n);

  CancelToken cancel;
  CancelOnInterrupt interrupt(cancel);
  const auto start = std::chrono::steady_clock::now();
  ms::Result<geometry::GlueResult> result = [&] {
    StderrProgress progress;
    return geometry::glue_row_major(X, y, options, &progress, &cancel);
  }();
  if (!result) {
    print_error(file + ": " + QString::fromStdString(result.error()));
    return 1;
  }
  // The baselines on GLUE's own subsample (first repeat), as the paper's protocol computes every marker.
  Baselines baselines;
  {
    Eigen::MatrixXd points(static_cast<Eigen::Index>(result->points.size()), d);
    Eigen::VectorXi classes(points.rows());
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
      points.row(i) = X.row(result->points[i]).cast<double>();
      classes[i] = y[result->points[i]];
    }
    if (options.preprocess == geometry::Preprocess::center) points.rowwise() -= result->mean_removed;
    baselines.participation_ratio = geometry::participation_ratio(points);
    baselines.nc1 = geometry::nc1(points, classes);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (parser.isSet(json)) {
    const QJsonDocument document(json_report(*result, options, baselines, seconds, file));
    print_out(QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed());
  } else {
    print_out(text_report(*result, options, baselines, seconds, file));
  }
  return 0;
}

}  // namespace ms::cli
