// The CSV reader: RFC 4180 quoting, line ends, and errors that name file, line and column.
#include <cmath>

#include <gtest/gtest.h>

#include "core/stats/correlate_table.h"
#include "core/stats/csv_table.h"

namespace ms::stats {
namespace {

TEST(CsvTable, QuotedFieldsAndLineEnds) {
  const std::string text =
      "\xEF\xBB\xBFname,value,note\r\n"
      "\"ResNet18 (AdamW)\",1.5,\"a, b\"\r\n"
      "\n"
      "plain,-2e-3,\"say \"\"hi\"\"\nsecond line\"\n"
      "last,3,";
  const Result<CsvTable> table = parse_csv_table(text, "t.csv");
  ASSERT_TRUE(table.ok()) << table.error();
  EXPECT_EQ(table->header, (std::vector<std::string>{"name", "value", "note"}));
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[0][0], "ResNet18 (AdamW)");
  EXPECT_EQ(table->rows[0][2], "a, b");
  EXPECT_EQ(table->rows[1][2], "say \"hi\"\nsecond line");
  EXPECT_EQ(table->rows[2][2], "");
  EXPECT_EQ(table->lines, (std::vector<long>{2, 4, 6}));
  const Result<Eigen::VectorXd> values = numeric_column(*table, "value");
  ASSERT_TRUE(values.ok());
  EXPECT_DOUBLE_EQ((*values)(1), -2e-3);
}

TEST(CsvTable, ErrorsNameFileLineAndColumn) {
  Result<CsvTable> bad = parse_csv_table("a,b\n1,2\n3\n", "x.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), "x.csv:3: 1 fields, the header has 2");
  bad = parse_csv_table("a,b\n1,\"2\n", "x.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), "x.csv:2: unterminated quoted field");
  bad = parse_csv_table("a,a\n1,2\n", "x.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("duplicate column 'a'"), std::string::npos);
  EXPECT_FALSE(parse_csv_table("", "x.csv").ok());

  const Result<CsvTable> table = parse_csv_table("a,b\n1,2\n3,4x\n5,\n", "y.csv");
  ASSERT_TRUE(table.ok());
  const Result<Eigen::VectorXd> b = numeric_column(*table, "b");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error(), "y.csv:3: column 'b': '4x' is not a number");
  EXPECT_EQ(numeric_column(*table, "c").error(), "y.csv: no column 'c'");
  EXPECT_FALSE(read_csv_table("/nonexistent/file.csv").ok());
}

TEST(CorrelateTable, GroupsInOrderOfAppearanceWithPartialAndCI) {
  const std::string text =
      "arch,x,y,z\n"
      "B,1,1,0\nA,1,2,1\nB,2,3,0\nA,2,1,2\nB,3,2,1\nA,3,3,5\nB,4,4,1\nA,4,5,3\n";
  const Result<CsvTable> table = parse_csv_table(text, "g.csv");
  ASSERT_TRUE(table.ok());
  CorrelateOptions options;
  options.x = "x";
  options.y = "y";
  options.group = "arch";
  options.covariate = "z";
  options.bootstrap = {200, 0.95, 5};
  const auto groups = correlate_table(*table, options);
  ASSERT_TRUE(groups.ok()) << groups.error();
  ASSERT_EQ(groups->size(), 2u);
  EXPECT_EQ((*groups)[0].group, "B");
  EXPECT_EQ((*groups)[0].n, 4);
  // B: x = (1,2,3,4), y = (1,3,2,4): r = 0.8 (deviations (-1.5,-.5,.5,1.5) and (-1.5,.5,-.5,1.5): 4/5).
  EXPECT_NEAR((*groups)[0].pearson.statistic, 0.8, 1e-15);
  EXPECT_NEAR((*groups)[0].kendall.statistic, 4.0 / 6.0, 1e-15);
  ASSERT_TRUE((*groups)[0].partial.has_value());
  ASSERT_TRUE((*groups)[1].pearson_ci.has_value());
  EXPECT_LE((*groups)[1].pearson_ci->low, (*groups)[1].pearson_ci->high);
  // A "nan" cell drops that row only.
  const Result<CsvTable> with_nan = parse_csv_table("g,x,y\na,1,2\na,nan,5\na,2,3\na,3,5\n", "n.csv");
  ASSERT_TRUE(with_nan.ok());
  CorrelateOptions plain;
  plain.x = "x";
  plain.y = "y";
  const auto dropped = correlate_table(*with_nan, plain);
  ASSERT_TRUE(dropped.ok());
  EXPECT_EQ((*dropped)[0].n, 3);
  EXPECT_NEAR((*dropped)[0].pearson.statistic, 3.0 / std::sqrt(2.0 * 14.0 / 3.0), 1e-14);  // (1,2,3) vs (2,3,5)
  options.x = "missing";
  EXPECT_FALSE(correlate_table(*table, options).ok());
}

}  // namespace
}  // namespace ms::stats
