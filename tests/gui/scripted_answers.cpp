#include "tests/gui/scripted_answers.h"

#include <gtest/gtest.h>

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

QString ScriptedAnswers::file(const views::FileQuestion& question) {
  files_asked.push_back(question);
  if (files_.empty()) {
    ADD_FAILURE() << "unscripted file question: " << question.title.toStdString();
    return {};
  }
  const QString answer = files_.front();
  files_.pop_front();
  ++answered_;
  return answer;
}

std::optional<int> ScriptedAnswers::number(const views::NumberQuestion& question) {
  numbers_asked.push_back(question);
  if (numbers_.empty()) {
    ADD_FAILURE() << "unscripted number question: " << question.label.toStdString();
    return std::nullopt;
  }
  const int answer = numbers_.front();
  numbers_.pop_front();
  ++answered_;
  return answer;
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

}  // namespace ms::test
