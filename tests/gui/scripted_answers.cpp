#include "tests/gui/scripted_answers.h"

#include <gtest/gtest.h>

#include <string>

namespace ms::test {

ScriptedAnswers& ScriptedAnswers::then_file(const QString& path) {
  files_.push_back(path);
  return *this;
}

ScriptedAnswers& ScriptedAnswers::then_cancel_file() { return then_file(QString()); }

ScriptedAnswers& ScriptedAnswers::then_number(int value) {
  numbers_.push_back(value);
  return *this;
}

ScriptedAnswers& ScriptedAnswers::then_choices(const QStringList& chosen) {
  choices_.push_back({ChoiceAnswer::given, chosen});
  return *this;
}

ScriptedAnswers& ScriptedAnswers::then_accept_choices() {
  choices_.push_back({ChoiceAnswer::preselected, {}});
  return *this;
}

ScriptedAnswers& ScriptedAnswers::then_cancel_choices() {
  choices_.push_back({ChoiceAnswer::cancel, {}});
  return *this;
}

namespace {

// The next scripted answer of `queue`, counted in `answered`; nullopt, and a test failure saying `unscripted`, when
// the script has none left.
template <class Answer>
std::optional<Answer> take(std::deque<Answer>& queue, int& answered, const std::string& unscripted) {
  if (queue.empty()) {
    ADD_FAILURE() << unscripted;
    return std::nullopt;
  }
  Answer answer = queue.front();
  queue.pop_front();
  ++answered;
  return answer;
}

}  // namespace

std::optional<QStringList> ScriptedAnswers::choices(const views::ChoiceListQuestion& question) {
  choices_asked.push_back(question);
  const auto answer = take(choices_, answered_, "unscripted choice list: " + question.title.toStdString());
  if (!answer || answer->kind == ChoiceAnswer::cancel) return std::nullopt;
  return answer->kind == ChoiceAnswer::preselected ? question.chosen : answer->chosen;
}

QString ScriptedAnswers::file(const views::FileQuestion& question) {
  files_asked.push_back(question);
  return take(files_, answered_, "unscripted file question: " + question.title.toStdString()).value_or(QString());
}

std::optional<int> ScriptedAnswers::number(const views::NumberQuestion& question) {
  numbers_asked.push_back(question);
  return take(numbers_, answered_, "unscripted number question: " + question.label.toStdString());
}

void ScriptedAnswers::warning(const QString& title, const QString& text) {
  warnings << title + ": " + text;
}

QString RefuseAllQuestions::file(const views::FileQuestion& question) {
  ADD_FAILURE() << "a file dialog would have opened (no answer scripted): " << question.title.toStdString();
  return {};
}

std::optional<int> RefuseAllQuestions::number(const views::NumberQuestion& question) {
  ADD_FAILURE() << "a number dialog would have opened (no answer scripted): " << question.label.toStdString();
  return std::nullopt;
}

void RefuseAllQuestions::warning(const QString& title, const QString& text) {
  ADD_FAILURE() << "a warning box would have opened: " << title.toStdString() << ": " << text.toStdString();
}

std::optional<QStringList> RefuseAllQuestions::choices(const views::ChoiceListQuestion& question) {
  ADD_FAILURE() << "a choice dialog would have opened (no answer scripted): " << question.title.toStdString();
  return std::nullopt;
}

}  // namespace ms::test
