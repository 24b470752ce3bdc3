// `manifoldscope predict TABLE.csv --x COL[,COL...] --y COL [--baseline COL] [--group COL] [--where COL=VALUE]
// [--level P] [--json]`: fit y on the x columns over the rows that have y, per group, and predict y with a
// prediction interval (95 % by default; accuracies clipped to their range) for the rows that lack it, ranked; the
// leave-one-out RMSE / MAE of that predictor against the same predictor built on the baseline column (ID accuracy).
// Formulas: core/stats/linear_regression.h.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/table_arguments.h"
#include "core/stats/ood_prediction.h"

namespace ms::cli {
namespace {

QString number(double value, int digits = 4) {
  return std::isnan(value) ? QString("nan") : QString::number(value, 'f', digits);
}

QJsonValue json_number(double value) { return std::isfinite(value) ? QJsonValue(value) : QJsonValue(); }

// How a predicted row is named: its checkpoint / name column when the table has one, else its line.
QString row_name(const stats::CsvTable& table, long row) {
  for (const char* column : {"checkpoint", "name", "run", "run_id"}) {
    const long j = table.column_index(column);
    if (j >= 0) return QString::fromStdString(table.rows[static_cast<size_t>(row)][static_cast<size_t>(j)]);
  }
  return QString("line %1").arg(table.lines[static_cast<size_t>(row)]);
}

QJsonObject json_fit(const stats::LinearFit& fit, const std::vector<std::string>& names) {
  QJsonObject coefficients{{"intercept", json_number(fit.coefficients(0))}};
  for (size_t j = 0; j < names.size(); ++j)
    coefficients[QString::fromStdString(names[j])] = json_number(fit.coefficients(static_cast<long>(j) + 1));
  return QJsonObject{{"coefficients", coefficients},
                     {"n", static_cast<qint64>(fit.n)},
                     {"r_squared", json_number(fit.r_squared)},
                     {"residual_sd", json_number(fit.residual_sd)},
                     {"loo_rmse", json_number(fit.loo_rmse)},
                     {"loo_mae", json_number(fit.loo_mae)}};
}

QJsonObject json_report(const std::vector<stats::GroupPrediction>& groups, const stats::CsvTable& table,
                        const stats::PredictTableOptions& options) {
  QJsonArray list;
  for (const stats::GroupPrediction& g : groups) {
    QJsonObject entry{{"group", QString::fromStdString(g.group)},
                      {"fit", json_fit(g.fit, options.x)},
                      {"skipped", static_cast<qint64>(g.skipped)}};
    if (g.baseline) entry["baseline"] = json_fit(*g.baseline, {options.baseline});
    QJsonArray predicted;
    for (size_t rank = 0; rank < g.predicted.size(); ++rank) {
      const stats::PredictedRow& p = g.predicted[rank];
      predicted.append(QJsonObject{{"rank", static_cast<qint64>(rank + 1)},
                                   {"id", row_name(table, p.row)},
                                   {"line", static_cast<qint64>(table.lines[static_cast<size_t>(p.row)])},
                                   {"prediction", json_number(p.prediction.value)},
                                   {"low", json_number(p.prediction.low)},
                                   {"high", json_number(p.prediction.high)},
                                   {"clipped", p.prediction.clipped}});
    }
    entry["predicted"] = predicted;
    list.append(entry);
  }
  QJsonArray x;
  for (const std::string& name : options.x) x.append(QString::fromStdString(name));
  QJsonObject report{{"table", QString::fromStdString(table.source)},
                     {"x", x},
                     {"y", QString::fromStdString(options.y)},
                     {"level", options.level},
                     {"groups", list}};
  if (!options.baseline.empty()) report["baseline"] = QString::fromStdString(options.baseline);
  if (!options.group.empty()) report["group_column"] = QString::fromStdString(options.group);
  return report;
}

QString text_fit(const QString& label, const stats::LinearFit& fit, const std::vector<std::string>& names) {
  QString text = QString("  %1  n=%2  R^2=%3  %4").arg(label.leftJustified(14)).arg(fit.n).arg(number(fit.r_squared))
                     .arg(number(fit.coefficients(0)));
  for (size_t j = 0; j < names.size(); ++j) {
    const double b = fit.coefficients(static_cast<long>(j) + 1);
    text += QString(" %1 %2*%3").arg(b < 0 ? "-" : "+", number(std::fabs(b), 6), QString::fromStdString(names[j]));
  }
  return text + QString("\n  %1  LOO RMSE %2  MAE %3\n").arg(QString().leftJustified(14), number(fit.loo_rmse),
                                                             number(fit.loo_mae));
}

QString text_report(const std::vector<stats::GroupPrediction>& groups, const stats::CsvTable& table,
                    const stats::PredictTableOptions& options) {
  QString markers;
  for (const std::string& name : options.x) markers += (markers.isEmpty() ? "" : ", ") + QString::fromStdString(name);
  QString text = QString("%1 predicted from %2").arg(QString::fromStdString(options.y), markers);
  if (!options.baseline.empty()) text += QString(" (baseline %1)").arg(QString::fromStdString(options.baseline));
  text += QString(", least squares, %1 % prediction intervals\n").arg(100.0 * options.level);
  for (const stats::GroupPrediction& g : groups) {
    text += QString("%1\n").arg(QString::fromStdString(g.group));
    text += text_fit(markers, g.fit, options.x);
    if (g.baseline) text += text_fit(QString::fromStdString(options.baseline), *g.baseline, {options.baseline});
    if (g.skipped > 0) text += QString("  %1 rows left out (a predictor missing)\n").arg(g.skipped);
    if (g.predicted.empty())
      text += QString("  nothing to predict: every row has %1\n").arg(QString::fromStdString(options.y));
    else
      text += QString("  predicted: %1 rows, highest first\n").arg(g.predicted.size());
    for (size_t rank = 0; rank < g.predicted.size(); ++rank) {
      const stats::PredictedRow& p = g.predicted[rank];
      text += QString("  %1  %2  %3  [%4, %5]%6\n")
                  .arg(rank + 1, 4)
                  .arg(row_name(table, p.row).leftJustified(24))
                  .arg(number(p.prediction.value), 10)
                  .arg(number(p.prediction.low), number(p.prediction.high))
                  .arg(p.prediction.clipped ? " *" : "");
    }
    if (std::any_of(g.predicted.begin(), g.predicted.end(), [](const auto& p) { return p.prediction.clipped; }))
      text += QString("  * clipped to [%1, %2]: the target is an accuracy\n").arg(g.range_low).arg(g.range_high);
  }
  return text.trimmed();
}

}  // namespace

int run_predict(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      "Predict a column (e.g. OOD accuracy) from one or more others (e.g. ID markers) by least squares, per group: "
      "the fit over the rows that have a value, and for every row whose value is empty or NaN the prediction with "
      "its prediction interval (95 % unless --level), ranked highest first; an accuracy target (every value in "
      "[0, 1] or [0, 100]) keeps its predictions and intervals inside that range. Reports the leave-one-out RMSE and MAE of the predictor "
      "and of the same predictor built on --baseline (e.g. ID accuracy).");
  parser.addPositionalArgument("table", "CSV file with a header row.", "TABLE.csv");
  const QCommandLineOption x("x", "Predictor column(s), comma-separated (e.g. dimension_id,utility_id).", "COL[,COL]");
  const QCommandLineOption y("y", "Column to predict (e.g. acc_lp_ood); empty or NaN rows are predicted.", "COL");
  const QCommandLineOption baseline("baseline", "Compare with the same predictor on this column (e.g. acc_test).",
                                    "COL");
  const QCommandLineOption group("group", "Fit and predict within each value of this column (e.g. arch_name).",
                                 "COL");
  const QCommandLineOption where("where", "Use only the rows where COL reads VALUE (e.g. layer=fc1).", "COL=VALUE");
  const QCommandLineOption level("level", "Coverage of the prediction intervals, between 0 and 1 (default 0.95).",
                                 "P", "0.95");
  const QCommandLineOption json("json", "Print the results as JSON.");
  for (const auto& option : {x, y, baseline, group, where, level, json}) parser.addOption(option);
  if (int code = parse_or_exit(parser, "predict", arguments); code >= 0) return code;

  QString path;
  if (!one_file_with(parser, "predict", "CSV table", x, y, &path)) return 2;
  stats::PredictTableOptions options;
  for (const QString& name : parser.value(x).split(',', Qt::SkipEmptyParts))
    options.x.push_back(name.trimmed().toStdString());
  options.y = parser.value(y).toStdString();
  options.baseline = parser.value(baseline).toStdString();
  options.group = parser.value(group).toStdString();
  bool level_ok = false;
  options.level = parser.value(level).toDouble(&level_ok);
  if (!level_ok || !(options.level > 0.0 && options.level < 1.0)) {
    print_error("predict: --level must be a number between 0 and 1 (e.g. 0.9), not '" + parser.value(level) + "'");
    return 2;
  }

  int exit_code = 0;
  const std::optional<stats::CsvTable> table =
      read_table_where("predict", path, parser.value(where), &exit_code);
  if (!table) return exit_code;
  auto data = stats::prediction_data(*table, options);
  auto groups = data ? stats::predict_ood(*data, options.level)
                     : Result<std::vector<stats::GroupPrediction>>(make_error(data.error()));
  if (!groups) {
    print_error(QString::fromStdString(groups.error()));
    return 1;
  }
  if (parser.isSet(json)) {
    QJsonObject report = json_report(*groups, *table, options);
    if (parser.isSet(where)) report["where"] = parser.value(where);
    print_out(QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Indented)).trimmed());
  } else {
    print_out(text_report(*groups, *table, options));
  }
  return 0;
}

}  // namespace ms::cli
