// Choosing layers the way users name them: module paths as a PyTorch forward hook names them, globs over them, and
// the keywords `blocks` and `penultimate`. Torch-free: the CLI, the pipeline and the GUI share it.
//
// select_layers(layers, terms)
//   layers  a model's layers in graph order (Model::layers)
//   terms   each one of
//             all           every layer
//             blocks        the outputs of the building blocks (LayerInfo::block: ResNet's layer1.0 … layer4.1,
//                           MobileNet's features.0 … features.18, ViT's encoder layers)
//             penultimate   the final classifier's input (LayerInfo::penultimate)
//             NAME          a module whose output it is ("layer4", "features.3", "fc"), else a layer id
//                           ("layer1.0.conv1:conv2d"), else every op of that module (LayerInfo::module_path)
//             GLOB          NAME with wildcards, over module outputs: `*` any run inside one dotted part
//                           (`layer*` = layer1 … layer4, `features.*` = features.0 …), `**` any run, `?` one
//                           character; a pattern with ':' is over layer ids instead (`**:relu*`)
//   Result: indices into `layers`, in graph order, each once.
//   Errors: no terms; a term that matches nothing, with the nearest names ("no layer matches 'layer5' (near: layer4,
//           layer4.1, …)"), never an empty selection.
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/model/model.h"

namespace ms::model {

Result<std::vector<size_t>> select_layers(const std::vector<LayerInfo>& layers, const std::vector<std::string>& terms);

// "layer*,penultimate" -> {"layer*", "penultimate"}: the comma-separated form the CLI and the dialog take.
std::vector<std::string> split_layer_terms(const std::string& text);

// True when `name` matches `pattern` (`*` within a dotted part, `**` across parts, `?` one character).
bool glob_match(const std::string& pattern, const std::string& name);

}  // namespace ms::model
