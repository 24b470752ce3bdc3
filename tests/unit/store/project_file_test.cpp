#include "core/store/project_file.h"

#include <H5Cpp.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace ms::store {
namespace {
namespace fs = std::filesystem;

std::string scratch(const std::string& name) {
  auto dir = fs::path(MS_TEST_OUTPUT_DIR) / "scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

Project sample_project() {
  Project project;
  project.app_version = "0.1.0";
  project.datasets.push_back({"fashion-mnist:test+fog:3", "known", "/usr/share/datasets/fashion-mnist", "fog", 3,
                              {"T-shirt/top", "Trouser"}, {0, 1, 1, 0}});
  project.checkpoints.push_back({"cnn/lr=0.01", "/tmp/cnn.pt", "ab12", "SmallCNN",
                                 {{"lr", "0.01"}, {"optimizer", "AdamW"}}, {"sweep-a"}});
  GeometryEntry geometry{"cnn/lr=0.01", "fashion-mnist:test", "layer1.0.conv1", {}, {}, {}};
  geometry.markers = {{"capacity", 0.0371}, {"dimension", 12.5}, {"utility", 0.02}};
  geometry.options = {{"dichotomies", "random"}, {"inactive", "zero_row"}};
  geometry.arrays["centers"] = Eigen::MatrixXd::Random(3, 5);
  geometry.arrays["empty"] = Eigen::MatrixXd(0, 4);
  project.geometry.push_back(geometry);
  project.evaluations.push_back({"cnn/lr=0.01", "fashion-mnist:test+fog:3", {{"accuracy", 0.71}, {"loss", 0.9}}});
  project.views_json = R"({"open":["profile"],"layer":3})";
  return project;
}

TEST(ProjectFile, RoundTripsEverySection) {
  const std::string path = scratch("roundtrip") + "/p.msproj";
  Project original = sample_project();
  ASSERT_TRUE(write_project(original, path).ok());
  auto read = read_project(path);
  ASSERT_TRUE(read.ok()) << read.error();
  EXPECT_EQ(read->app_version, "0.1.0");
  ASSERT_EQ(read->datasets.size(), 1u);
  EXPECT_EQ(read->datasets[0].id, "fashion-mnist:test+fog:3");
  EXPECT_EQ(read->datasets[0].classes, original.datasets[0].classes);
  EXPECT_EQ(read->datasets[0].labels, original.datasets[0].labels);
  EXPECT_EQ(read->datasets[0].shift_severity, 3);
  ASSERT_EQ(read->checkpoints.size(), 1u);
  EXPECT_EQ(read->checkpoints[0].id, "cnn/lr=0.01");  // '/' survives the HDF5 name escaping
  EXPECT_EQ(read->checkpoints[0].hyper_parameters, original.checkpoints[0].hyper_parameters);
  EXPECT_EQ(read->checkpoints[0].tags, original.checkpoints[0].tags);
  ASSERT_EQ(read->geometry.size(), 1u);
  const GeometryEntry& geometry = read->geometry[0];
  EXPECT_EQ(geometry.layer, "layer1.0.conv1");
  EXPECT_EQ(geometry.markers, original.geometry[0].markers);  // bit-identical doubles
  EXPECT_EQ(geometry.options, original.geometry[0].options);
  EXPECT_EQ(geometry.arrays.at("centers"), original.geometry[0].arrays.at("centers"));
  EXPECT_EQ(geometry.arrays.at("empty").cols(), 4);
  ASSERT_EQ(read->evaluations.size(), 1u);
  EXPECT_EQ(read->evaluations[0].metrics, original.evaluations[0].metrics);
  EXPECT_EQ(read->views_json, original.views_json);
}

TEST(ProjectFile, NewerSchemaIsRefusedPolitely) {
  const std::string path = scratch("newer") + "/p.msproj";
  ASSERT_TRUE(write_project(sample_project(), path).ok());
  {
    H5::H5File file(path, H5F_ACC_RDWR);
    int64_t future = kSchemaVersion + 1;
    file.openGroup("/").openAttribute("schema_version").write(H5::PredType::NATIVE_INT64, &future);
  }
  auto read = read_project(path);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().find("newer ManifoldScope"), std::string::npos) << read.error();
}

TEST(ProjectFile, FailedSaveKeepsThePreviousFile) {
  const std::string dir = scratch("atomic");
  const std::string path = dir + "/p.msproj";
  ASSERT_TRUE(write_project(sample_project(), path).ok());
  const auto size_before = fs::file_size(path);
  // A non-empty directory where the temp file would be renamed to: the rename fails after the temp was written.
  fs::create_directories(dir + "/blocked.msproj/inner");
  Status failed = write_project(sample_project(), dir + "/blocked.msproj");
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().find("could not save"), std::string::npos);
  EXPECT_EQ(fs::file_size(path), size_before);
  for (const auto& entry : fs::directory_iterator(dir))  // no temp file left behind
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
  Status no_dir = write_project(sample_project(), dir + "/missing/p.msproj");
  EXPECT_FALSE(no_dir.ok());
}

// A save killed mid-write leaves "p.msproj.tmp-PID-N" behind; the next save removes it — but not the temporary of
// a process still running (a concurrent writer), nor other files that merely look alike.
TEST(ProjectFile, TheNextSaveRemovesTemporariesOfKilledSaves) {
  const std::string dir = scratch("stale");
  const std::string path = dir + "/p.msproj";
  ASSERT_TRUE(write_project(sample_project(), path).ok());
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);  // a process id that has surely ended
  const std::string dead = path + ".tmp-" + std::to_string(child) + "-3";
  const std::string alive = path + ".tmp-" + std::to_string(getppid()) + "-0";
  const std::string other = dir + "/q.msproj.tmp-" + std::to_string(child) + "-0";
  const std::string lookalike = path + ".tmp-notes";
  for (const std::string& file : {dead, alive, other, lookalike}) std::ofstream(file) << "half a project";
  ASSERT_TRUE(write_project(sample_project(), path).ok());
  EXPECT_FALSE(fs::exists(dead)) << "the killed save's temporary";
  EXPECT_TRUE(fs::exists(alive)) << "a running process's temporary";
  EXPECT_TRUE(fs::exists(other)) << "another file's temporary";
  EXPECT_TRUE(fs::exists(lookalike));
  EXPECT_TRUE(read_project(path).ok());
}

TEST(ProjectFile, DamagedOrForeignFilesAreErrors) {
  const std::string dir = scratch("damaged");
  std::ofstream(dir + "/text.msproj") << "not hdf5";
  auto text = read_project(dir + "/text.msproj");
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().find("not an HDF5 file"), std::string::npos);
  { H5::H5File foreign(dir + "/foreign.h5", H5F_ACC_TRUNC); }
  auto foreign = read_project(dir + "/foreign.h5");
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.error().find("no schema_version"), std::string::npos);
  // A project cut in half is reported, not crashed on.
  ASSERT_TRUE(write_project(sample_project(), dir + "/whole.msproj").ok());
  fs::copy_file(dir + "/whole.msproj", dir + "/half.msproj");
  fs::resize_file(dir + "/half.msproj", fs::file_size(dir + "/whole.msproj") / 2);
  EXPECT_FALSE(read_project(dir + "/half.msproj").ok());
}

// Found by fuzz_project: an attribute holding several values where the reader expects one made HDF5 write all of
// them into one int64 (AddressSanitizer: stack-buffer-overflow).
TEST(ProjectFile, AttributesWithSeveralValuesWhereOneBelongsAreErrors) {
  const std::string dir = scratch("attribute_arrays");
  for (const char* attribute : {"shift_severity", "kind"}) {
    const std::string path = dir + "/" + attribute + ".msproj";
    ASSERT_TRUE(write_project(sample_project(), path).ok());
    {
      H5::H5File file(path, H5F_ACC_RDWR);
      H5::Group dataset = file.openGroup("datasets").openGroup(file.openGroup("datasets").getObjnameByIdx(0));
      dataset.removeAttr(attribute);
      const hsize_t five = 5;
      const int64_t values[5] = {1, 2, 3, 4, 5};
      dataset.createAttribute(attribute, H5::PredType::NATIVE_INT64, H5::DataSpace(1, &five))
          .write(H5::PredType::NATIVE_INT64, values);
    }
    auto project = read_project(path);
    ASSERT_FALSE(project.ok()) << attribute;
    EXPECT_NE(project.error().find("holds 5 values where one is expected"), std::string::npos) << project.error();
  }
}

}  // namespace
}  // namespace ms::store
