// Made-up data that more than one plot-view test draws, so each test file does not build its own copy.
#pragma once

#include "views/layer_profile_view.h"

namespace ms::test {

// A D_eff profile of three checkpoints ("checkpoint 1".."checkpoint 3") over eight layers (conv1 .. fc2), shaped like
// the paper's dimension profiles: rising, then compressed in the last layers. No missing values.
views::ProfileData three_checkpoint_profile();

}  // namespace ms::test
