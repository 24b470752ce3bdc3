// `manifoldscope correlate TABLE.csv --x COL --y COL [--group COL] [--covariate COL] [--bootstrap B --seed S]
// [--json]`: how a marker column relates to a performance column, per group (e.g. per architecture, as the paper
// reports): Pearson r, Spearman rho, Kendall tau with two-sided p-values, optional partial correlation and bootstrap
// 95 % CIs.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/table_arguments.h"
#include "core/stats/correlate_table.h"
#include "core/stats/csv_table.h"
#include "core/stats/significance.h"

namespace ms::cli {
namespace {

QString number(double value, int digits) {
  return std::isnan(value) ? QString("nan") : QString::number(value, 'g', digits);
}

QJsonValue json_number(double value) { return std::isfinite(value) ? QJsonValue(value) : QJsonValue(); }

QJsonObject json_result(const char* name, const stats::CorrelationResult& result) {
  return QJsonObject{{name, json_number(result.statistic)},
                     {"p", json_number(result.p)},
                     {"stars", QString::fromStdString(stats::significance_stars(result.p))}};
}

QJsonArray json_interval(const stats::BootstrapInterval& ci) {
  return QJsonArray{json_number(ci.low), json_number(ci.high)};
}

QString text_interval(const stats::BootstrapInterval& ci) {
  return QString("[%1, %2]").arg(number(ci.low, 4), number(ci.high, 4));
}

QString text_report(const std::vector<stats::GroupCorrelation>& groups, const stats::CorrelateOptions& options) {
  QString text = QString("%1 vs %2").arg(QString::fromStdString(options.y), QString::fromStdString(options.x));
  if (!options.covariate.empty())
    text += QString(", partial controlling for %1").arg(QString::fromStdString(options.covariate));
  if (options.bootstrap.resamples > 0)
    text += QString(", %1 bootstrap resamples (seed %2), %3 % percentile CIs")
                .arg(options.bootstrap.resamples)
                .arg(options.bootstrap.seed)
                .arg(100.0 * options.bootstrap.level);
  text += "\n";
  for (const stats::GroupCorrelation& g : groups) {
    text += QString("%1  n=%2\n").arg(QString::fromStdString(g.group)).arg(g.n);
    auto line = [&](const char* name, const stats::CorrelationResult& r) {
      return QString("  %1 %2  p=%3 %4\n")
          .arg(QString(name).leftJustified(9))
          .arg(number(r.statistic, 6), 10)
          .arg(number(r.p, 4))
          .arg(QString::fromStdString(stats::significance_stars(r.p)));
    };
    text += line("pearson", g.pearson);
    text += line("spearman", g.spearman);
    text += line("kendall", g.kendall);
    if (g.partial) text += line("partial", *g.partial);
    if (g.pearson_ci && g.spearman_ci)
      text += QString("  CI r %1   rho %2\n").arg(text_interval(*g.pearson_ci), text_interval(*g.spearman_ci));
    text += QString("  selection %1  (%2 of %3 pairs: higher x, higher y)\n")
                .arg(number(g.selection.score, 4))
                .arg(g.selection.correct)
                .arg(g.selection.pairs);
  }
  return text.trimmed();
}

QJsonObject json_report(const std::vector<stats::GroupCorrelation>& groups, const stats::CorrelateOptions& options,
                        const QString& path) {
  QJsonArray list;
  for (const stats::GroupCorrelation& g : groups) {
    QJsonObject entry{{"group", QString::fromStdString(g.group)},
                      {"n", static_cast<qint64>(g.n)},
                      {"pearson", json_result("r", g.pearson)},
                      {"spearman", json_result("rho", g.spearman)},
                      {"kendall", json_result("tau", g.kendall)}};
    if (g.partial) entry["partial"] = json_result("r", *g.partial);
    entry["selection"] = QJsonObject{{"score", json_number(g.selection.score)},
                                     {"correct", static_cast<qint64>(g.selection.correct)},
                                     {"predicted", static_cast<qint64>(g.selection.predicted)},
                                     {"pairs", static_cast<qint64>(g.selection.pairs)}};
    if (g.pearson_ci && g.spearman_ci)
      entry["bootstrap"] = QJsonObject{{"pearson_ci", json_interval(*g.pearson_ci)},
                                       {"spearman_ci", json_interval(*g.spearman_ci)},
                                       {"valid_resamples", static_cast<qint64>(g.pearson_ci->valid)}};
    list.append(entry);
  }
  QJsonObject report{{"table", path},
                     {"x", QString::fromStdString(options.x)},
                     {"y", QString::fromStdString(options.y)},
                     {"groups", list}};
  if (!options.group.empty()) report["group_column"] = QString::fromStdString(options.group);
  if (!options.covariate.empty()) report["covariate"] = QString::fromStdString(options.covariate);
  if (options.bootstrap.resamples > 0)
    report["bootstrap"] = QJsonObject{{"resamples", static_cast<qint64>(options.bootstrap.resamples)},
                                      {"seed", QString::number(options.bootstrap.seed)},
                                      {"level", options.bootstrap.level}};
  return report;
}

}  // namespace

int run_correlate(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      "Correlate two numeric columns of a CSV table, per group: Pearson r, Spearman rho, Kendall tau-b with two-sided "
      "p-values (as scipy.stats), significance stars (**** p <= 1e-4, *** <= 1e-3, ** <= 1e-2, * <= 0.05), optional "
      "partial correlation, seeded percentile bootstrap 95 % CIs, and the pairwise model-selection score (the share of "
      "pairs of rows in a group, with different y, where the higher x has the higher y).");
  parser.addPositionalArgument("table", "CSV file with a header row.", "TABLE.csv");
  const QCommandLineOption x("x", "Column on the horizontal axis (e.g. a marker such as dimension_id).", "COL");
  const QCommandLineOption y("y", "Column on the vertical axis (e.g. acc_lp_ood).", "COL");
  const QCommandLineOption group("group", "Correlate within each value of this column (e.g. arch_name).", "COL");
  const QCommandLineOption covariate("covariate", "Also report the partial correlation controlling for this column.",
                                     "COL");
  const QCommandLineOption bootstrap("bootstrap", "Bootstrap resamples for 95 % CIs of r and rho (0: none).", "B", "0");
  const QCommandLineOption seed("seed", "Seed of the bootstrap resampling.", "S", "0");
  const QCommandLineOption where("where", "Use only the rows where COL reads VALUE (e.g. layer=fc1 in a results "
                                 "table with one row per checkpoint and layer).", "COL=VALUE");
  const QCommandLineOption json("json", "Print the results as JSON.");
  for (const auto& option : {x, y, group, covariate, bootstrap, seed, where, json}) parser.addOption(option);
  if (int code = parse_or_exit(parser, "correlate", arguments); code >= 0) return code;

  QString path;
  if (!one_file_with(parser, "correlate", "CSV table", x, y, &path)) return 2;
  stats::CorrelateOptions options;
  options.x = parser.value(x).toStdString();
  options.y = parser.value(y).toStdString();
  options.group = parser.value(group).toStdString();
  options.covariate = parser.value(covariate).toStdString();
  long long resamples = 0, seed_value = 0;
  if (!parse_count(parser, "bootstrap", &resamples) || !parse_count(parser, "seed", &seed_value)) return 2;
  options.bootstrap = {static_cast<long>(resamples), 0.95, static_cast<std::uint64_t>(seed_value)};

  int exit_code = 0;
  const std::optional<stats::CsvTable> table = read_table_where("correlate", path, parser.value(where), &exit_code);
  if (!table) return exit_code;
  const auto groups = stats::correlate_table(*table, options);
  if (!groups) {
    print_error(QString::fromStdString(groups.error()));
    return 1;
  }
  if (parser.isSet(json)) {
    QJsonObject report = json_report(*groups, options, path);
    if (parser.isSet(where)) report["where"] = parser.value(where);
    const QJsonDocument document(report);
    print_out(QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed());
  } else {
    print_out(text_report(*groups, options));
  }
  return 0;
}

}  // namespace ms::cli
