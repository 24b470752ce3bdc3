// main() of the latency tests: gui_test_main.cpp's setup with an application that times each event it delivers.
#include <gtest/gtest.h>

#include "tests/gui/gui_test_support.h"
#include "tests/gui/latency/timing_application.h"
#include "tests/gui/scripted_answers.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (::testing::GTEST_FLAG(list_tests)) return RUN_ALL_TESTS();  // discovery at build time may have no display
  ms::test::prepare_gui_test_process();
  ms::test::TimingApplication app(argc, argv);
  ms::test::RefuseAllQuestions refuse;
  ms::views::ScopedAnswerer no_dialogs(&refuse);
  return RUN_ALL_TESTS();
}
