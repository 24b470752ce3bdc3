// `manifoldscope --version`, `datasets`, `datasets describe` and `demo` through the real binary.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "tests/unit/cli/run_cli.h"

namespace ms {
namespace {
namespace fs = std::filesystem;

TEST(Cli, VersionAndHelp) {
  auto version = test::run_cli("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, std::string("manifoldscope ") + MS_VERSION + "\n");
  auto help = test::run_cli("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("datasets"), std::string::npos);
  auto describe_help = test::run_cli("datasets --help");
  EXPECT_EQ(describe_help.exit_code, 0);
  EXPECT_NE(describe_help.out.find("--json"), std::string::npos);
  auto unknown = test::run_cli("frobnicate");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST(Cli, DatasetsListsTheEmbeddedDefault) {
  auto run = test::run_cli("datasets");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("fashion-mnist"), std::string::npos);
  EXPECT_NE(run.out.find("installed"), std::string::npos);
}

TEST(Cli, DescribeFashionMnistReportsBothSplits) {
  auto run = test::run_cli("datasets describe fashion-mnist");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("fashion-mnist:train"), std::string::npos);
  EXPECT_NE(run.out.find("items: 60000"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("items: 10000"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("item shape: 1x28x28 (uint8)"), std::string::npos);
  EXPECT_NE(run.out.find("values: 0 .. 255"), std::string::npos);
  EXPECT_NE(run.out.find("classes: 10"), std::string::npos);
  EXPECT_NE(run.out.find("Ankle boot"), std::string::npos);
}

TEST(Cli, DescribeJsonIsMachineReadable) {
  auto run = test::run_cli("datasets describe fashion-mnist:test --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"count\": 10000"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"name\": \"Trouser\""), std::string::npos);
}

TEST(Cli, TruncatedIdxGivesOneLineAndNonZeroExit) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / "cli-truncated";
  fs::create_directories(dir);
  const fs::path file = dir / "cut-images-idx3-ubyte";
  {
    gzFile in = gzopen(MS_DATASETS_DIR "/fashion-mnist/t10k-images-idx3-ubyte.gz", "rb");
    ASSERT_NE(in, nullptr);
    std::vector<char> head(10000);
    gzread(in, head.data(), static_cast<unsigned>(head.size()));
    gzclose(in);
    std::ofstream(file, std::ios::binary).write(head.data(), static_cast<std::streamsize>(head.size()));
  }
  auto run = test::run_cli("datasets describe '" + file.string() + "'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  EXPECT_NE(run.err.find(file.string()), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("truncated"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace ms
