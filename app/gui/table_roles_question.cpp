#include "app/gui/table_roles_question.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>


namespace ms::gui {
namespace {

QString settings_key(const std::vector<std::string>& header) {
  QByteArray joined;
  for (const std::string& name : header) joined += QByteArray::fromStdString(name) + '\n';
  return "results_tables/" + QCryptographicHash::hash(joined, QCryptographicHash::Sha1).toHex() + "/roles";
}

// The first value of each column, so the question shows what the column holds.
QStringList examples(const stats::CsvTable& table) {
  QStringList values;
  for (size_t j = 0; j < table.header.size(); ++j) {
    QString value;
    for (const auto& row : table.rows)
      if (!stats::is_missing_field(row[j])) {
        value = QString::fromStdString(row[j]);
        break;
      }
    values << value;
  }
  return values;
}

std::optional<std::vector<store::ColumnRole>> ask_roles(QWidget* parent, const stats::CsvTable& table,
                                                        const std::vector<store::ColumnRole>& offered) {
  const views::ChoiceListQuestion question = table_roles_question(table, offered);
  const auto answer = views::ask_choices(parent, question);
  if (!answer || answer->size() != question.items.size()) return std::nullopt;
  std::vector<store::ColumnRole> roles;
  for (const QString& label : *answer) {
    const auto index = question.choices.indexOf(label);
    roles.push_back(index >= 0 ? store::all_column_roles()[static_cast<size_t>(index)] : store::ColumnRole::ignored);
  }
  return roles;
}

}  // namespace

views::ChoiceListQuestion table_roles_question(const stats::CsvTable& table,
                                               const std::vector<store::ColumnRole>& offered) {
  views::ChoiceListQuestion question;
  question.title = QObject::tr("Columns of %1").arg(QFileInfo(QString::fromStdString(table.source)).fileName());
  question.label = QObject::tr(
      "What each column of the results table is. Markers ending in _id are read as ID-set markers without it "
      "(dimension_id → dimension); markers on training or OOD data (_train, _ood) are ignored unless given a role. "
      "Without a checkpoint id column, the architecture and hyper-parameters name each checkpoint. "
      "The choice is remembered for tables with these columns.");
  question.headers = {QObject::tr("Column"), QObject::tr("Example"), QObject::tr("Role")};
  for (const std::string& name : table.header) question.items << QString::fromStdString(name);
  question.details = examples(table);
  for (store::ColumnRole role : store::all_column_roles())
    question.choices << QString::fromStdString(store::role_label(role));
  for (store::ColumnRole role : offered) question.chosen << QString::fromStdString(store::role_label(role));
  return question;
}

std::optional<std::vector<store::ColumnRole>> remembered_roles(const std::vector<std::string>& header) {
  const QStringList names = QSettings().value(settings_key(header)).toStringList();
  if (names.size() != static_cast<qsizetype>(header.size())) return std::nullopt;
  std::vector<store::ColumnRole> roles;
  for (const QString& name : names) {
    auto role = store::role_from_name(name.toStdString());
    if (!role) return std::nullopt;
    roles.push_back(*role);
  }
  return roles;
}

void remember_roles(const std::vector<std::string>& header, const std::vector<store::ColumnRole>& roles) {
  QStringList names;
  for (store::ColumnRole role : roles) names << QString::fromStdString(store::role_name(role));
  QSettings().setValue(settings_key(header), names);
}

std::optional<std::vector<store::ColumnRole>> table_roles(QWidget* parent, const stats::CsvTable& table,
                                                          RolesQuestion question) {
  const auto remembered = remembered_roles(table.header);
  if (remembered && question != RolesQuestion::always) return remembered;
  if (question == RolesQuestion::never) return store::guess_column_roles(table);
  auto chosen = ask_roles(parent, table, remembered ? *remembered : store::guess_column_roles(table));
  if (chosen) remember_roles(table.header, *chosen);
  return chosen;
}

}  // namespace ms::gui
