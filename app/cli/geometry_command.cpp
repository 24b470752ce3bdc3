// `manifoldscope geometry FILE.h5 --features PATH --labels PATH [GLUE options] [--json]`: the GLUE markers
// (capacity, dimension, radius, utility, alignments) of one feature matrix stored in an HDF5 file, plus the
// participation ratio and NC1 baselines of the same subsampled points, with solver diagnostics and timing.
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/cli/cli_progress.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/glue_arguments.h"
#include "core/data/hdf5_array_reader.h"
#include "core/geometry/baseline_by_name.h"
#include "core/geometry/glue.h"
#include "core/geometry/option_text.h"
#include "core/store/marker_catalogue.h"

namespace ms::cli {
namespace {

QJsonValue json_number(double value) { return std::isfinite(value) ? QJsonValue(value) : QJsonValue(); }

QString number(double value) { return std::isfinite(value) ? QString::number(value, 'g', 6) : QString("nan"); }

// The baselines reported beside GLUE: the catalogue's baselines of the paper's heat map (participation ratio, NC1),
// by stored name, in the catalogue's order.
using Baselines = std::vector<std::pair<std::string, double>>;

// Computed on GLUE's own subsample (first repeat), as the paper's protocol computes every marker.
Baselines subsample_baselines(const geometry::GlueResult& result, const geometry::GlueOptions& options,
                              const Eigen::Ref<const geometry::RowMatrixXf>& X, const Eigen::Ref<const Eigen::VectorXi>& y) {
  Eigen::MatrixXd points(static_cast<Eigen::Index>(result.points.size()), X.cols());
  Eigen::VectorXi classes(points.rows());
  for (Eigen::Index i = 0; i < points.rows(); ++i) {
    points.row(i) = X.row(result.points[i]).cast<double>();
    classes[i] = y[result.points[i]];
  }
  if (options.preprocess == geometry::Preprocess::center) points.rowwise() -= result.mean_removed;
  Baselines baselines;
  for (const store::MarkerInfo& marker : store::marker_catalogue())
    if (marker.family == store::MarkerFamily::baseline && marker.paper_rank > 0)
      baselines.emplace_back(marker.name, geometry::baseline_by_name(marker.name, points, classes));
  return baselines;
}

// The options in JSON: their stored form (GLUE's and the baselines' option maps; whole numbers that fit an int as
// numbers, anything else as text), plus what the command line names apart: the seed as text (64 bits) and threads.
QJsonObject json_options(const geometry::GlueOptions& o) {
  QJsonObject out;
  std::map<std::string, std::string> stored = geometry::to_map(o);
  stored.merge(geometry::to_map(geometry::BaselineOptions{}));
  for (const auto& [key, text] : stored) {
    int whole = 0;
    const bool is_number = key.find("seed") == std::string::npos && geometry::parse_whole_number(text, &whole);
    out[QString::fromStdString(key)] = is_number ? QJsonValue(whole) : QJsonValue(QString::fromStdString(text));
  }
  out["seed"] = QString::number(o.seed);
  out["threads"] = o.threads;
  return out;
}

QJsonObject json_report(const geometry::GlueResult& r, const geometry::GlueOptions& o, const Baselines& baselines,
                        double seconds, const QString& file) {
  QJsonObject out;
  geometry::for_each_measure(r.mean, [&](const char* name, double v) { out[name] = json_number(v); });
  for (const auto& [name, value] : baselines) out[QString::fromStdString(name)] = json_number(value);
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
  out["options"] = json_options(o);
  QJsonObject diagnostics;
  geometry::for_each_diagnostic(r.diagnostics, [&](const char* name, double v) { diagnostics[name] = v; });
  out["diagnostics"] = diagnostics;
  return out;
}

// "  name                             value": one marker of the text report.
QString marker_line(const QString& name, double value) {
  return QString("  %1 %2").arg(name.leftJustified(32)).arg(number(value), 12);
}

QString text_report(const geometry::GlueResult& r, const geometry::GlueOptions& o, const Baselines& baselines,
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
  std::vector<double> spread;
  geometry::for_each_measure(r.std, [&](const char*, double v) { spread.push_back(v); });
  size_t i = 0;
  geometry::for_each_measure(r.mean, [&](const char* name, double v) {
    text += marker_line(name, v);
    if (o.repeats > 1) text += QString("  +- %1").arg(number(spread[i]));
    text += "\n";
    ++i;
  });
  for (const auto& [name, value] : baselines) text += marker_line(QString::fromStdString(name), value) + "\n";
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

  QString file;
  if (!one_file_with(parser, "geometry", "HDF5 file", features, labels, &file)) return 2;
  geometry::GlueOptions options;
  if (int code = read_glue_options(parser, "geometry", options); code >= 0) return code;

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
  const Baselines baselines = subsample_baselines(*result, options, X, y);
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
