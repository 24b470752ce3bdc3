// The questions the application asks its user — a file to save to or open, a folder, a whole number, a warning to
// read, a choice per item of a list — asked through one place, so that every dialog looks the same and a scripted
// answerer (the GUI tests') can answer them without a modal dialog and without racing one.
//
// ask_file(parent, question)
//   Qt's own (non-native) file dialog: the same on every desktop. Returns the chosen path, empty when cancelled.
//   A Save question gives a name typed without an extension the chosen filter's (or default_suffix).
// ask_number(parent, question)
//   An integer in [minimum, maximum], starting at `value`; std::nullopt when cancelled.
// show_warning(parent, title, text)
//   A warning message box.
// ask_choices(parent, question)
//   One choice per item from the same list (a table's columns and their roles, ChoiceListDialog); the chosen
//   choices in item order, std::nullopt when cancelled.
//
// While an answerer is installed (ScopedAnswerer), no dialog opens: every question goes to it instead, in order.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

class QWidget;

namespace ms::views {

enum class FileMode { Save, Open, Folder };

struct FileQuestion {
  FileMode mode = FileMode::Save;
  QString title;
  QString suggested;       // a file name (Save) or a starting folder
  QStringList filters;     // "PNG (*.png)", …; none for a folder
  QString default_suffix;  // Save: added to a name typed without an extension
};

struct NumberQuestion {
  QString title;
  QString label;
  int value = 1;
  int minimum = 1;
  int maximum = 1;
};

struct ChoiceListQuestion {
  QString title;
  QString label;         // what is asked, above the list
  QStringList items;     // "arch_name", ...
  QStringList details;   // per item, shown beside it (an example value); may be empty
  QStringList choices;   // offered for every item
  QStringList chosen;    // per item, the preselected choice (one of `choices`)
  QStringList headers;   // titles of the item, detail and choice columns; empty = Item, Detail, Choice
};

// Answers questions in place of the dialogs.
class QuestionAnswerer {
 public:
  virtual ~QuestionAnswerer() = default;
  virtual QString file(const FileQuestion& question) = 0;                    // empty = cancelled
  virtual std::optional<int> number(const NumberQuestion& question) = 0;     // nullopt = cancelled
  virtual void warning(const QString& title, const QString& text) = 0;
  virtual std::optional<QStringList> choices(const ChoiceListQuestion& question) = 0;  // nullopt = cancelled
};

// Installs an answerer for its lifetime (the previous one, or the real dialogs, come back after). Not thread-safe:
// questions are asked on the GUI thread only.
class ScopedAnswerer {
 public:
  explicit ScopedAnswerer(QuestionAnswerer* answerer);
  ~ScopedAnswerer();
  ScopedAnswerer(const ScopedAnswerer&) = delete;
  ScopedAnswerer& operator=(const ScopedAnswerer&) = delete;

 private:
  QuestionAnswerer* previous_;
};

QString ask_file(QWidget* parent, const FileQuestion& question);
std::optional<int> ask_number(QWidget* parent, const NumberQuestion& question);
void show_warning(QWidget* parent, const QString& title, const QString& text);
std::optional<QStringList> ask_choices(QWidget* parent, const ChoiceListQuestion& question);

}  // namespace ms::views
