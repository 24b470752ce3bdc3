// main() for GUI tests: a real QApplication on the X display (xvfb-run in CI), created the way the app creates it.
#include <gtest/gtest.h>

#include <QApplication>
#include <QSurfaceFormat>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  // Test discovery (--gtest_list_tests) runs at build time, where there may be no display.
  if (::testing::GTEST_FLAG(list_tests)) return RUN_ALL_TESTS();
  QSurfaceFormat format;
  format.setVersion(3, 2);
  format.setProfile(QSurfaceFormat::CoreProfile);
  QSurfaceFormat::setDefaultFormat(format);
  QApplication app(argc, argv);
  return RUN_ALL_TESTS();
}
