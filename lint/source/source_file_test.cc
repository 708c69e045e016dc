#include "lint/source/source_file.h"

#include <string>
#include <string_view>

#include <doctest/doctest.h>

namespace lint {
namespace {

// "line:column" of an offset.
std::string At(const LineIndex& index, std::string_view text, uint32_t offset) {
  LineColumn lc = index.Locate(text, offset);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

TEST_CASE("LineIndex: CRLF counts as one line break") {
  std::string_view text = "ab\r\ncd\r\nef";
  LineIndex index(text);
  CHECK(index.line_count() == 3);
  CHECK(At(index, text, 0) == "1:1");
  CHECK(At(index, text, 2) == "1:3");  // the CR
  CHECK(At(index, text, 3) == "1:4");  // the LF of the same break
  CHECK(At(index, text, 4) == "2:1");
  CHECK(At(index, text, 8) == "3:1");
  CHECK(At(index, text, 9) == "3:2");
}

TEST_CASE("LineIndex: a lone CR ends a line") {
  std::string_view text = "ab\rcd\ref";
  LineIndex index(text);
  CHECK(index.line_count() == 3);
  CHECK(At(index, text, 2) == "1:3");
  CHECK(At(index, text, 3) == "2:1");
  CHECK(At(index, text, 6) == "3:1");
  CHECK(index.Line(text, 1) == "ab");
  CHECK(index.Line(text, 2) == "cd");
  CHECK(index.Line(text, 3) == "ef");
}

TEST_CASE("LineIndex: LF ends a line") {
  std::string_view text = "a\nbc\n\nd";
  LineIndex index(text);
  CHECK(index.line_count() == 4);
  CHECK(At(index, text, 2) == "2:1");
  CHECK(At(index, text, 5) == "3:1");
  CHECK(At(index, text, 6) == "4:1");
  CHECK(index.Line(text, 3) == "");
}

TEST_CASE("LineIndex: mixed breaks each end exactly one line") {
  // CR CR LF: a lone CR, then a CRLF. LF CR: two breaks.
  std::string_view text = "a\r\r\nb\n\rc";
  LineIndex index(text);
  CHECK(index.line_count() == 5);
  CHECK(At(index, text, 2) == "2:1");
  CHECK(At(index, text, 4) == "3:1");
  CHECK(At(index, text, 6) == "4:1");
  CHECK(At(index, text, 7) == "5:1");
  CHECK(index.Line(text, 1) == "a");
  CHECK(index.Line(text, 2) == "");
  CHECK(index.Line(text, 3) == "b");
  CHECK(index.Line(text, 4) == "");
  CHECK(index.Line(text, 5) == "c");
}

TEST_CASE("LineIndex: the last line without a break is a line") {
  std::string_view text = "first\r\nlast";
  LineIndex index(text);
  CHECK(index.line_count() == 2);
  CHECK(index.Line(text, 2) == "last");
  CHECK(At(index, text, 10) == "2:4");
}

TEST_CASE("LineIndex: a final break starts an empty last line") {
  std::string_view text = "only\n";
  LineIndex index(text);
  CHECK(index.line_count() == 2);
  CHECK(index.Line(text, 1) == "only");
  CHECK(index.Line(text, 2) == "");
  CHECK(At(index, text, 5) == "2:1");

  std::string_view cr = "only\r";
  LineIndex cr_index(cr);
  CHECK(cr_index.line_count() == 2);
  CHECK(At(cr_index, cr, 5) == "2:1");
}

TEST_CASE("LineIndex: columns count code points, not bytes") {
  // Z, u-umlaut (2 bytes), euro (3 bytes), grinning face (4 bytes), x.
  std::string_view text = "Z\xC3\xBC\xE2\x82\xAC\xF0\x9F\x98\x80x\n\xC3\x84" "b";
  LineIndex index(text);
  CHECK(At(index, text, 0) == "1:1");
  CHECK(At(index, text, 1) == "1:2");
  CHECK(At(index, text, 3) == "1:3");
  CHECK(At(index, text, 6) == "1:4");
  CHECK(At(index, text, 10) == "1:5");
  CHECK(At(index, text, 11) == "1:6");  // the LF
  CHECK(At(index, text, 12) == "2:1");
  CHECK(At(index, text, 14) == "2:2");
  CHECK(At(index, text, 15) == "2:3");  // end of text
}

TEST_CASE("LineIndex: an offset at or past the end of the text is the end position") {
  std::string_view text = "ab\ncd";
  LineIndex index(text);
  CHECK(At(index, text, 5) == "2:3");
  CHECK(At(index, text, 6) == "2:3");
  CHECK(At(index, text, 0xFFFFFFFFu) == "2:3");
}

TEST_CASE("LineIndex: empty text has one empty line") {
  std::string_view text;
  LineIndex index(text);
  CHECK(index.line_count() == 1);
  CHECK(At(index, text, 0) == "1:1");
  CHECK(At(index, text, 7) == "1:1");
  CHECK(index.Line(text, 1) == "");
}

TEST_CASE("LineIndex: Line returns the text without its break, and empty outside the text") {
  std::string_view text = "one\r\ntwo\rthree\nfour";
  LineIndex index(text);
  CHECK(index.line_count() == 4);
  CHECK(index.Line(text, 0) == "");
  CHECK(index.Line(text, 1) == "one");
  CHECK(index.Line(text, 2) == "two");
  CHECK(index.Line(text, 3) == "three");
  CHECK(index.Line(text, 4) == "four");
  CHECK(index.Line(text, 5) == "");
}

TEST_CASE("SourceFile: keeps its id, path, encoding and text, and locates offsets") {
  SourceFile file(7, "onprem/Get-OrganizationRelationship.xml", Encoding::kUtf16LeBom, "<Objs>\r\n  <Obj>");
  CHECK(file.id() == 7);
  CHECK(file.display_path() == "onprem/Get-OrganizationRelationship.xml");
  CHECK(file.encoding() == Encoding::kUtf16LeBom);
  CHECK(file.text() == "<Objs>\r\n  <Obj>");
  CHECK(file.lines().line_count() == 2);
  LineColumn lc = file.Locate(10);
  CHECK(lc.line == 2);
  CHECK(lc.column == 3);
  SourceSpan span = file.Span(10, 15);
  CHECK(span.file_id == 7);
  CHECK(span.begin == 10);
  CHECK(span.end == 15);
  CHECK(span.valid());
}

TEST_CASE("SourceFile: a default span points nowhere") {
  SourceSpan span;
  CHECK_FALSE(span.valid());
  CHECK(span.file_id == SourceSpan::kNoFile);
  CHECK(span == (SourceSpan{SourceSpan::kNoFile, 0, 0}));
  CHECK_FALSE(span == (SourceSpan{0, 0, 0}));
}

TEST_CASE("SourceSet: ids are indexes and files stay where they are") {
  SourceSet set;
  const SourceFile& first = set.Add("a.xml", Encoding::kUtf8, "a");
  for (int i = 0; i < 100; ++i) set.Add("more.xml", Encoding::kUtf8, "x");
  const SourceFile& last = set.Add("z.json", Encoding::kUtf8Bom, "z\nz");
  CHECK(set.size() == 102);
  CHECK(first.id() == 0);
  CHECK(first.display_path() == "a.xml");
  CHECK(first.text() == "a");
  CHECK(last.id() == 101);
  CHECK(set.Find(0) == &first);
  CHECK(set.Find(101) == &last);
  CHECK(set.Find(102) == nullptr);
  CHECK(set.Find(SourceSpan::kNoFile) == nullptr);
}

}  // namespace
}  // namespace lint
