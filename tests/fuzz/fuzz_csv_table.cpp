// Results tables (stats/csv_table.h) and the project made of one (store/table_import.h): the CSV parser, number
// fields, and column roles guessed from any header.
#include "core/stats/csv_table.h"
#include "core/store/table_import.h"
#include "core/store/table_roles.h"
#include "tests/fuzz/fuzz_scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (auto table = ms::stats::parse_csv_table(text, "fuzz.csv")) {
    for (const std::string& column : table->header) {
      (void)ms::stats::numeric_column(*table, column);
      (void)ms::stats::text_column(*table, column);
    }
    (void)ms::store::table_project(*table, ms::store::guess_column_roles(*table));
  }
  return 0;
}
