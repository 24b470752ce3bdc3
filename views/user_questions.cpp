#include "views/user_questions.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QRegularExpression>

#include "views/choice_list_dialog.h"

namespace ms::views {
namespace {

QuestionAnswerer* installed = nullptr;

QString run_file_dialog(QWidget* parent, const FileQuestion& question) {
  QFileDialog dialog(parent, question.title, question.suggested, question.filters.join(";;"));
  dialog.setOption(QFileDialog::DontUseNativeDialog);
  switch (question.mode) {
    case FileMode::Save:
      dialog.setAcceptMode(QFileDialog::AcceptSave);
      dialog.setFileMode(QFileDialog::AnyFile);
      dialog.setDefaultSuffix(question.default_suffix);
      // A name typed without an extension takes the chosen type's.
      QObject::connect(&dialog, &QFileDialog::filterSelected, &dialog, [&dialog](const QString& filter) {
        const int star = filter.indexOf("*.");
        if (star >= 0) dialog.setDefaultSuffix(filter.mid(star + 2).section(QRegularExpression("[ )]"), 0, 0));
      });
      break;
    case FileMode::Open:
      dialog.setAcceptMode(QFileDialog::AcceptOpen);
      dialog.setFileMode(QFileDialog::ExistingFile);
      break;
    case FileMode::Folder:
      dialog.setAcceptMode(QFileDialog::AcceptOpen);
      dialog.setFileMode(QFileDialog::Directory);
      dialog.setOption(QFileDialog::ShowDirsOnly);
      break;
  }
  if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return {};
  return dialog.selectedFiles().first();
}

}  // namespace

ScopedAnswerer::ScopedAnswerer(QuestionAnswerer* answerer) : previous_(installed) { installed = answerer; }
ScopedAnswerer::~ScopedAnswerer() { installed = previous_; }

QString ask_file(QWidget* parent, const FileQuestion& question) {
  if (installed) return installed->file(question);
  return run_file_dialog(parent, question);
}

std::optional<int> ask_number(QWidget* parent, const NumberQuestion& question) {
  if (installed) return installed->number(question);
  bool ok = false;
  const int value = QInputDialog::getInt(parent, question.title, question.label, question.value, question.minimum,
                                         question.maximum, 1, &ok);
  if (!ok) return std::nullopt;
  return value;
}

void show_warning(QWidget* parent, const QString& title, const QString& text) {
  if (installed) return installed->warning(title, text);
  QMessageBox::warning(parent, title, text);
}

std::optional<QStringList> ask_choices(QWidget* parent, const ChoiceListQuestion& question) {
  if (installed) return installed->choices(question);
  ChoiceListDialog dialog(question, parent);
  if (dialog.exec() != QDialog::Accepted) return std::nullopt;
  return dialog.chosen();
}

}  // namespace ms::views
