// Answers the application's questions (views/user_questions.h) in GUI tests, deterministically: no modal dialog
// opens, so no timer has to find and answer one. Script the answers before the action that asks; afterwards check
// what was asked.
//
//   ScriptedAnswers answers;
//   answers.then_file(path).then_number(3);
//   view.save_image_action()->trigger();
//   EXPECT_TRUE(answers.all_used());               // both questions came, in order
//   EXPECT_EQ(answers.files_asked[0].filters, …);  // and what they offered
//
// A question with no scripted answer is a test failure (and is cancelled); a warning is recorded in `warnings`.
#pragma once

#include <QStringList>
#include <deque>
#include <vector>

#include "views/user_questions.h"

namespace ms::test {

class ScriptedAnswers : public views::QuestionAnswerer {
 public:
  ScriptedAnswers() : scope_(this) {}

  ScriptedAnswers& then_file(const QString& path);
  ScriptedAnswers& then_cancel_file();
  ScriptedAnswers& then_number(int value);
  ScriptedAnswers& then_choices(const QStringList& chosen);  // a choice list answered with these
  ScriptedAnswers& then_accept_choices();                    // a choice list answered as preselected (OK)
  ScriptedAnswers& then_cancel_choices();

  // True when every scripted answer was taken.
  bool all_used() const { return files_.empty() && numbers_.empty() && choices_.empty(); }
  // Questions answered from the script.
  int answered() const { return answered_; }

  std::vector<views::FileQuestion> files_asked;
  std::vector<views::NumberQuestion> numbers_asked;
  std::vector<views::ChoiceListQuestion> choices_asked;
  QStringList warnings;

  QString file(const views::FileQuestion& question) override;
  std::optional<int> number(const views::NumberQuestion& question) override;
  void warning(const QString& title, const QString& text) override;
  std::optional<QStringList> choices(const views::ChoiceListQuestion& question) override;

 private:
  struct ChoiceAnswer {
    enum { given, preselected, cancel } kind;
    QStringList chosen;
  };
  std::deque<QString> files_;
  std::deque<int> numbers_;
  std::deque<ChoiceAnswer> choices_;
  int answered_ = 0;
  views::ScopedAnswerer scope_;
};

// Installed by the GUI tests' main() for the whole process: any question or warning no test scripted fails the
// running test at once, instead of leaving a modal dialog open until a timeout.
class RefuseAllQuestions : public views::QuestionAnswerer {
 public:
  QString file(const views::FileQuestion& question) override;
  std::optional<int> number(const views::NumberQuestion& question) override;
  void warning(const QString& title, const QString& text) override;
  std::optional<QStringList> choices(const views::ChoiceListQuestion& question) override;
};

}  // namespace ms::test
