// Keeps freed tensor memory in the process instead of handing it back to the kernel after every batch.
//
// glibc malloc serves blocks above its mmap threshold (128 KB at first, raised adaptively to at most 32 MB) with
// fresh mmaps, and trims the heap top once more than twice that is free. A forward pass of a batch of 500 frees
// tens of MB of layer outputs; without this, the next batch maps them again and touches every page (measured on the
// zoo ResNet: 180 000 minor page faults per 5000 images while tapping every layer; with it, none - see
// tests/bench/README.md). Settings: mmap threshold 32 MB (the most mallopt accepts), trim threshold 512 MB: at most
// that much freed memory stays resident between batches.
//
// Process-wide and idempotent; load_model and train_zoo_model call it. No effect outside glibc.
#pragma once

namespace ms::model {

void tune_allocator();

}  // namespace ms::model
