// main() for GUI tests: a real QApplication on the X display (xvfb-run in CI), created the way the app creates it,
// in a process with settings of its own and no dialog that could wait for an answer.
#include <gtest/gtest.h>

#include <QApplication>

#include "tests/gui/gui_test_support.h"
#include "tests/gui/scripted_answers.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  // Test discovery (--gtest_list_tests) runs at build time, where there may be no display.
  if (::testing::GTEST_FLAG(list_tests)) return RUN_ALL_TESTS();
  ms::test::prepare_gui_test_process();
  QApplication app(argc, argv);
  ms::test::RefuseAllQuestions refuse;
  ms::views::ScopedAnswerer no_dialogs(&refuse);
  return RUN_ALL_TESTS();
}
