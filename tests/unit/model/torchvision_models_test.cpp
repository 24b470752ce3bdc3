// Real torchvision architectures, exported by PyTorch itself (torch.jit.trace and torch.jit.script) at test time:
// every module output a PyTorch forward hook sees is a layer of ours, with the same values; traced and scripted
// exports list the same modules; `blocks` and `penultimate` name what they should. Needs Debian's python3-torch and
// python3-torchvision (packaging/install-deps.sh installs them).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/model/activation_sink.h"
#include "core/model/extract_activations.h"
#include "core/model/layer_selection.h"
#include "core/model/model.h"
#ifdef MS_BINARY
#include "tests/unit/cli/run_cli.h"
#endif

namespace ms::model {
namespace {

constexpr const char* kPython = "/usr/bin/python3";  // Debian's: the one python3-torch installs into

struct HookOutput {
  std::string module;
  int call = 0;
  bool identity = false;
  std::vector<float> values;  // batch x features, row-major
};

struct Export {
  std::string dir;
  std::string error;
  int classifier_in_features = 0;
  RowMatrixXf input;  // batch x 3*32*32
  std::vector<HookOutput> outputs;
};

std::vector<float> read_floats(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  std::vector<float> values(static_cast<size_t>(in.tellg()) / sizeof(float));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(float)));
  return values;
}

// Runs tests/unit/model/export_torchvision.py for `arch` into a folder of this process.
Export export_architecture(const std::string& arch) {
  Export result;
  result.dir = std::string(MS_TEST_OUTPUT_DIR) + "/torchvision-" + arch + "-" + std::to_string(getpid());
  const std::string log = result.dir + ".log";
  const std::string command = std::string(kPython) + " '" + MS_SOURCE_DIR + "/tests/unit/model/export_torchvision.py' " +
                              arch + " '" + result.dir + "' > '" + log + "' 2>&1";
  if (std::system(command.c_str()) != 0) {
    std::ifstream in(log);
    result.error = "export failed: " + std::string(std::istreambuf_iterator<char>(in), {});
    return result;
  }
  std::ifstream manifest(result.dir + "/hooks.json");
  const nlohmann::json json = nlohmann::json::parse(manifest);
  result.classifier_in_features = json["classifier_in_features"].get<int>();
  const int batch = json["batch"].get<int>();
  std::vector<float> input = read_floats(result.dir + "/input.bin");
  result.input = Eigen::Map<RowMatrixXf>(input.data(), batch, static_cast<Eigen::Index>(input.size()) / batch);
  for (const auto& record : json["outputs"])
    result.outputs.push_back({record["module"].get<std::string>(), record["call"].get<int>(),
                              record["identity"].get<bool>(), read_floats(result.dir + "/" + record["file"].get<std::string>())});
  return result;
}

bool torchvision_available() {
  return std::system((std::string(kPython) + " -c 'import torch, torchvision' > /dev/null 2>&1").c_str()) == 0;
}

// The layer that is the `call`-th output of `module` in graph order, or -1.
int layer_of(const std::vector<LayerInfo>& layers, const std::string& module, int call) {
  int seen = 0;
  for (size_t i = 0; i < layers.size(); ++i)
    for (const std::string& name : layers[i].module_outputs)
      if (name == module && seen++ == call) return static_cast<int>(i);
  return -1;
}

class TorchvisionModels : public ::testing::TestWithParam<std::string> {};

TEST_P(TorchvisionModels, EveryModuleOutputAHookSeesIsALayerWithTheSameValues) {
  if (!torchvision_available()) GTEST_SKIP() << kPython << " has no torch/torchvision (packaging/install-deps.sh)";
  const std::string arch = GetParam();
  const Export exported = export_architecture(arch);
  ASSERT_TRUE(exported.error.empty()) << exported.error;

  std::map<std::string, std::set<std::string>> found_by_export;
  for (const std::string export_kind : {"traced", "scripted"}) {
    SCOPED_TRACE(arch + " " + export_kind);
    Result<Model> model = load_model(exported.dir + "/" + arch + "_" + export_kind + ".pt");
    ASSERT_TRUE(model.ok()) << model.error();
    Result<std::vector<LayerInfo>> layers = model->layers({3, 32, 32});
    ASSERT_TRUE(layers.ok()) << layers.error();

    // Every hooked call that computes something has its layer; identity calls (Dropout in eval) may have none.
    std::vector<std::string> ids, missing;
    std::vector<const HookOutput*> compared;
    for (const HookOutput& hooked : exported.outputs) {
      const int index = layer_of(*layers, hooked.module, hooked.call);
      if (index < 0) {
        if (!hooked.identity) missing.push_back(hooked.module + "#" + std::to_string(hooked.call));
        continue;
      }
      found_by_export[export_kind].insert(hooked.module + "#" + std::to_string(hooked.call));
      ids.push_back((*layers)[static_cast<size_t>(index)].id);
      compared.push_back(&hooked);
    }
    EXPECT_TRUE(missing.empty()) << missing.size() << " hooked module outputs have no layer, e.g. " << missing.front();
    EXPECT_GE(compared.size(), exported.outputs.size() * 3 / 4) << "most hooked outputs are compared";
    std::printf("%s %s: %zu of %zu hooked module outputs compared\n", arch.c_str(), export_kind.c_str(), compared.size(),
                exported.outputs.size());

    // Their values: one tapped pass over the hook's input.
    SubsetSink sink({0, 1, 2, 3});
    NullProgress progress;
    CancelToken cancel;
    ASSERT_TRUE(extract_activations(*model, exported.input, {3, 32, 32}, ids, {}, sink, progress, cancel).ok());
    for (size_t k = 0; k < compared.size(); ++k) {
      const RowMatrixXf& ours = sink.matrices()[k];
      const std::vector<float>& theirs = compared[k]->values;
      ASSERT_EQ(static_cast<size_t>(ours.size()), theirs.size()) << ids[k];
      double scale = 1e-30, error = 0;
      for (size_t v = 0; v < theirs.size(); ++v) {
        scale = std::max(scale, std::abs(double(theirs[v])));
        error = std::max(error, std::abs(double(ours.data()[v]) - theirs[v]));
      }
      EXPECT_LE(error, 1e-5 * std::max(1.0, scale)) << compared[k]->module << " = " << ids[k];
    }

    // The keywords: blocks exist, and the penultimate layer is the final classifier's input.
    Result<std::vector<size_t>> blocks = select_layers(*layers, {"blocks"});
    ASSERT_TRUE(blocks.ok()) << blocks.error();
    EXPECT_GE(blocks->size(), 2u);
    Result<std::vector<size_t>> penultimate = select_layers(*layers, {"penultimate"});
    ASSERT_TRUE(penultimate.ok()) << penultimate.error();
    ASSERT_EQ(penultimate->size(), 1u);
    EXPECT_EQ((*layers)[penultimate->front()].size(), exported.classifier_in_features);

#ifdef MS_BINARY
    // `layers` with nothing but the checkpoint: the sidecar gives the input shape.
    const std::string model_path = exported.dir + "/" + arch + "_" + export_kind + ".pt";
    std::ofstream(exported.dir + "/" + arch + "_" + export_kind + ".json") << R"({"input_shape": [3, 32, 32]})";
    const test::CliRun listed = test::run_cli("layers '" + model_path + "'");
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find("(input 3x32x32, " + exported.dir + "/" + arch + "_" + export_kind + ".json): " +
                              std::to_string(layers->size()) + " layers"),
              std::string::npos)
        << listed.out.substr(0, 300);

    // The whole analysis of every layer, of the blocks and of the penultimate layer: one CSV row per chosen layer.
    const std::vector<std::pair<std::string, size_t>> selections{
        {"all", layers->size()}, {"blocks", blocks->size()}, {"penultimate", 1}};
    for (const auto& [terms, count] : selections) {
      const std::string project = exported.dir + "/" + export_kind + "-" + terms + ".msproj";
      const test::CliRun analysed = test::run_cli("analyze '" + exported.dir + "/" + arch + "_" + export_kind +
                                                  ".pt' --project '" + project + "' --id '" + exported.dir +
                                                  "/id.npy' --layers " + terms + " --points-per-manifold 6 --n-t 10");
      ASSERT_EQ(analysed.exit_code, 0) << terms << ": " << analysed.err;
      std::ifstream csv(project.substr(0, project.size() - 7) + ".csv");
      size_t rows = 0;
      for (std::string line; std::getline(csv, line);) ++rows;
      EXPECT_EQ(rows, count + 1) << terms << ": a header and one row per layer";
    }
#endif
  }
  EXPECT_EQ(found_by_export["traced"], found_by_export["scripted"]) << "traced and scripted exports list the same modules";
}

#ifdef MS_BINARY
// "a,b,c,d" -> "a,b,c" for count 3.
std::string first_fields(const std::string& line, int count) {
  size_t end = 0;
  for (int k = 0; k < count && end != std::string::npos; ++k) end = line.find(',', end + (k ? 1 : 0));
  return line.substr(0, end);
}

// What a user types: `layers` with nothing but the checkpoint (the sidecar says the input shape), selections the way
// users name layers, and `analyze` of the block outputs and the penultimate layer on a .npy ID set.
TEST(TorchvisionCli, LayersFromTheSidecarSelectionsAndAnAnalysisOfBlocksAndPenultimate) {
  if (!torchvision_available()) GTEST_SKIP() << kPython << " has no torch/torchvision (packaging/install-deps.sh)";
  const Export exported = export_architecture("resnet18");
  ASSERT_TRUE(exported.error.empty()) << exported.error;
  for (const std::string export_kind : {"traced", "scripted"}) {
    SCOPED_TRACE(export_kind);
    const std::string model = exported.dir + "/resnet18_" + export_kind + ".pt";
    std::ofstream(exported.dir + "/resnet18_" + export_kind + ".json")
        << R"({"architecture": "resnet18", "input_shape": [3, 32, 32]})";

    test::CliRun listed = test::run_cli("layers '" + model + "'");
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find("(input 3x32x32, " + exported.dir + "/resnet18_" + export_kind + ".json)"),
              std::string::npos) << listed.out;
    test::CliRun stages = test::run_cli("layers '" + model + "' --layers layer1,layer2,layer3,layer4");
    ASSERT_EQ(stages.exit_code, 0) << stages.err;
    EXPECT_NE(stages.out.find(": 4 layers"), std::string::npos) << stages.out;
    EXPECT_NE(stages.out.find("layer4.1.relu:relu#2 [512,1,1]"), std::string::npos) << stages.out;
    test::CliRun unknown = test::run_cli("layers '" + model + "' --layers layer5");
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("no layer matches 'layer5' (near: layer1, layer2"), std::string::npos) << unknown.err;

    const std::string project = exported.dir + "/" + export_kind + ".msproj";
    test::CliRun analysed = test::run_cli("analyze '" + model + "' --project '" + project + "' --id '" + exported.dir +
                                          "/id.npy' --layers blocks,penultimate --points-per-manifold 6 --n-t 10");
    ASSERT_EQ(analysed.exit_code, 0) << analysed.err;
    std::ifstream csv(exported.dir + "/" + export_kind + ".csv");
    std::vector<std::string> layers;
    for (std::string line; std::getline(csv, line);) layers.push_back(first_fields(line, 3));
    std::vector<std::string> expected;
    for (const char* block : {"layer1.0", "layer1.1", "layer2.0", "layer2.1", "layer3.0", "layer3.1", "layer4.0", "layer4.1"})
      expected.push_back(std::string("resnet18_") + export_kind + ",resnet18," + block + ".relu:relu#2");
    expected.push_back(std::string("resnet18_") + export_kind + ",resnet18,flatten");
    ASSERT_EQ(layers.size(), expected.size() + 1) << "header and one row per layer";
    EXPECT_EQ(std::vector<std::string>(layers.begin() + 1, layers.end()), expected);
  }
}
#endif

#ifdef MS_BINARY
// packaging/export_model.py, as the README tells users to run it: a training checkpoint (DataParallel's "module."
// names inside a {"state_dict": …} dict) becomes a scripted checkpoint and a sidecar that `layers` reads unaided.
TEST(ExportHelper, WritesACheckpointAndASidecarThatTheCommandsRead) {
  if (!torchvision_available()) GTEST_SKIP() << kPython << " has no torch/torchvision (packaging/install-deps.sh)";
  const std::string dir = std::string(MS_TEST_OUTPUT_DIR) + "/export-helper-" + std::to_string(getpid());
  const std::string weights = dir + "/run7.pth", model = dir + "/sweep/run7.pt";
  ASSERT_EQ(std::system(("mkdir -p '" + dir + "' && " + kPython +
                         " -c \"import torch, torchvision; m = torchvision.models.resnet18(num_classes=10); "
                         "torch.save({'state_dict': {'module.' + k: v for k, v in m.state_dict().items()}}, '" +
                         weights + "')\"").c_str()),
            0);
  const std::string exported = std::string(kPython) + " '" + MS_SOURCE_DIR + "/packaging/export_model.py' " +
                               "--arch torchvision:resnet18 --num-classes 10 --weights '" + weights +
                               "' --input-shape 3x32x32 --mean 0.49,0.48,0.45 --std 0.25,0.24,0.26 --hp lr=0.1 " +
                               "--hp seed=7 --script --out '" + model + "' > '" + dir + "/export.log' 2>&1";
  ASSERT_EQ(std::system(exported.c_str()), 0) << "see " << dir << "/export.log";
  test::CliRun penultimate = test::run_cli("layers '" + model + "' --layers penultimate");
  ASSERT_EQ(penultimate.exit_code, 0) << penultimate.err;
  EXPECT_NE(penultimate.out.find("(input 3x32x32, " + dir + "/sweep/run7.json): 1 layers"), std::string::npos)
      << penultimate.out;
  EXPECT_NE(penultimate.out.find("flatten [512]"), std::string::npos) << penultimate.out;
  std::ifstream sidecar(dir + "/sweep/run7.json");
  const nlohmann::json json = nlohmann::json::parse(sidecar);
  EXPECT_EQ(json["architecture"], "resnet18");
  EXPECT_EQ(json["normalization"]["std"][2].get<double>(), 0.26);
  EXPECT_NEAR(json["normalization"]["scale"].get<double>(), 1.0 / 255, 1e-15);
  EXPECT_EQ(json["hyper_parameters"]["seed"], "7");
}
#endif

INSTANTIATE_TEST_SUITE_P(Architectures, TorchvisionModels,
                         ::testing::Values("resnet18", "vgg19_bn", "mobilenet_v2", "densenet121", "efficientnet_b0",
                                           "vit"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ms::model
