// main() of the latency tests: gui_test_main.cpp's setup with an application that times each event it delivers.
#include <gtest/gtest.h>

#include <QSurfaceFormat>

#include "tests/gui/latency/timing_application.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (::testing::GTEST_FLAG(list_tests)) return RUN_ALL_TESTS();  // discovery at build time may have no display
  QSurfaceFormat format;
  format.setVersion(3, 2);
  format.setProfile(QSurfaceFormat::CoreProfile);
  QSurfaceFormat::setDefaultFormat(format);
  ms::test::TimingApplication app(argc, argv);
  return RUN_ALL_TESTS();
}
