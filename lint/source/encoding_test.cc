#include "lint/source/encoding.h"

#include <string>
#include <string_view>

#include <doctest/doctest.h>

namespace lint {
namespace {

using namespace std::string_literals;

DecodedText MustDecode(std::string_view raw) {
  auto decoded = DecodeText(raw);
  if (!decoded) FAIL("unexpected error: " << decoded.error().message << " at " << decoded.error().offset);
  return *decoded;
}

DecodeError MustFail(std::string_view raw) {
  auto decoded = DecodeText(raw);
  REQUIRE_FALSE(decoded.has_value());
  return decoded.error();
}

// UTF-16LE bytes of an ASCII string.
std::string Utf16Le(std::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

std::string Utf16Be(std::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    out += '\0';
    out += c;
  }
  return out;
}

TEST_CASE("EncodingName: names every encoding") {
  CHECK(EncodingName(Encoding::kUtf8) == "utf-8");
  CHECK(EncodingName(Encoding::kUtf8Bom) == "utf-8-bom");
  CHECK(EncodingName(Encoding::kUtf16LeBom) == "utf-16le-bom");
  CHECK(EncodingName(Encoding::kUtf16BeBom) == "utf-16be-bom");
  CHECK(EncodingName(Encoding::kUtf16LeNoBom) == "utf-16le");
}

TEST_CASE("AppendUtf8: encodes each length at its boundaries") {
  auto utf8 = [](char32_t cp) {
    std::string out = "<";
    AppendUtf8(out, cp);
    return out;
  };
  CHECK(utf8(U'A') == "<A");
  CHECK(utf8(0x7F) == "<\x7F");
  CHECK(utf8(0x80) == "<\xC2\x80");
  CHECK(utf8(0xE9) == "<\xC3\xA9");
  CHECK(utf8(0x7FF) == "<\xDF\xBF");
  CHECK(utf8(0x800) == "<\xE0\xA0\x80");
  CHECK(utf8(0x20AC) == "<\xE2\x82\xAC");
  CHECK(utf8(0xFFFF) == "<\xEF\xBF\xBF");
  CHECK(utf8(0x10000) == "<\xF0\x90\x80\x80");
  CHECK(utf8(0x1F600) == "<\xF0\x9F\x98\x80");
  CHECK(utf8(0x10FFFF) == "<\xF4\x8F\xBF\xBF");
}

TEST_CASE("Encoding: UTF-8 without a BOM is kept as it is") {
  DecodedText d = MustDecode("<Objs>\r\n  Zürich\n");
  CHECK(d.encoding == Encoding::kUtf8);
  CHECK(d.text == "<Objs>\r\n  Zürich\n");
}

TEST_CASE("Encoding: empty input is empty UTF-8") {
  DecodedText d = MustDecode("");
  CHECK(d.encoding == Encoding::kUtf8);
  CHECK(d.text == "");
}

TEST_CASE("Encoding: a UTF-8 BOM is sniffed and removed") {
  DecodedText d = MustDecode("\xEF\xBB\xBF<Objs>\xE2\x80\xA6");
  CHECK(d.encoding == Encoding::kUtf8Bom);
  CHECK(d.text == "<Objs>\xE2\x80\xA6");
}

TEST_CASE("Encoding: a UTF-8 BOM alone decodes to empty text") {
  DecodedText d = MustDecode("\xEF\xBB\xBF");
  CHECK(d.encoding == Encoding::kUtf8Bom);
  CHECK(d.text == "");
}

TEST_CASE("Encoding: UTF-16LE with a BOM becomes UTF-8 and keeps CRLF") {
  DecodedText d = MustDecode("\xFF\xFE"s + Utf16Le("a\r\nb") + "\xFC\x00"s + "\xAC\x20"s);
  CHECK(d.encoding == Encoding::kUtf16LeBom);
  CHECK(d.text == "a\r\nb\xC3\xBC\xE2\x82\xAC");
}

TEST_CASE("Encoding: a UTF-16LE BOM alone decodes to empty text") {
  DecodedText d = MustDecode("\xFF\xFE");
  CHECK(d.encoding == Encoding::kUtf16LeBom);
  CHECK(d.text == "");
}

TEST_CASE("Encoding: UTF-16BE with a BOM becomes UTF-8") {
  DecodedText d = MustDecode("\xFE\xFF"s + Utf16Be("Objs\n") + "\x20\xAC"s);
  CHECK(d.encoding == Encoding::kUtf16BeBom);
  CHECK(d.text == "Objs\n\xE2\x82\xAC");
}

TEST_CASE("Encoding: UTF-16 surrogate pairs become one four-byte UTF-8 sequence") {
  // U+1F600 = D83D DE00.
  DecodedText le = MustDecode("\xFF\xFE" "a\x00" "\x3D\xD8\x00\xDE" "b\x00"s);
  CHECK(le.text == "a\xF0\x9F\x98\x80" "b");
  DecodedText be = MustDecode("\xFE\xFF" "\xD8\x3D\xDE\x00"s);
  CHECK(be.text == "\xF0\x9F\x98\x80");
  // Highest code point: U+10FFFF = DBFF DFFF.
  DecodedText max = MustDecode("\xFF\xFE" "\xFF\xDB\xFF\xDF"s);
  CHECK(max.text == "\xF4\x8F\xBF\xBF");
}

TEST_CASE("Encoding: a high surrogate at the end of UTF-16 fails at its offset") {
  DecodeError e = MustFail("\xFF\xFE" "a\x00" "\x3D\xD8"s);
  CHECK(e.message == "unpaired UTF-16 high surrogate");
  CHECK(e.offset == 4);
}

TEST_CASE("Encoding: a high surrogate followed by a non-surrogate fails at the high surrogate") {
  DecodeError e = MustFail("\xFF\xFE" "\x3D\xD8" "a\x00"s);
  CHECK(e.message == "unpaired UTF-16 high surrogate");
  CHECK(e.offset == 2);
}

TEST_CASE("Encoding: two high surrogates in a row fail at the first") {
  DecodeError e = MustFail("\xFE\xFF" "\x00" "a" "\xD8\x3D\xD8\x3D\xDE\x00"s);
  CHECK(e.message == "unpaired UTF-16 high surrogate");
  CHECK(e.offset == 4);
}

TEST_CASE("Encoding: a lone low surrogate fails at its offset") {
  DecodeError e = MustFail("\xFF\xFE" "a\x00" "b\x00" "\x00\xDE"s);
  CHECK(e.message == "unpaired UTF-16 low surrogate");
  CHECK(e.offset == 6);
}

TEST_CASE("Encoding: an odd number of UTF-16 bytes fails at the last byte") {
  DecodeError le = MustFail("\xFF\xFE" "a\x00" "b"s);
  CHECK(le.message == "UTF-16 text has an odd number of bytes (truncated file?)");
  CHECK(le.offset == 4);
  DecodeError be = MustFail("\xFE\xFF" "\x00"s);
  CHECK(be.message == "UTF-16 text has an odd number of bytes (truncated file?)");
  CHECK(be.offset == 2);
}

TEST_CASE("Encoding: a NUL character in UTF-16 fails at its offset") {
  DecodeError e = MustFail("\xFF\xFE" "a\x00" "\x00\x00" "b\x00"s);
  CHECK(e.message == "NUL character in text (binary file?)");
  CHECK(e.offset == 4);
}

TEST_CASE("Encoding: UTF-16LE without a BOM is recognized from ASCII followed by NUL bytes") {
  DecodedText d = MustDecode(Utf16Le("<Objs Version=\"1.1.0.1\">\r\n"));
  CHECK(d.encoding == Encoding::kUtf16LeNoBom);
  CHECK(d.text == "<Objs Version=\"1.1.0.1\">\r\n");
}

TEST_CASE("Encoding: UTF-16LE without a BOM tolerates one non-ASCII unit in ten") {
  // 9 ASCII units and one Cyrillic Zhe (U+0416: 16 04): 90 % look like ASCII.
  DecodedText d = MustDecode(Utf16Le("Name: Iva") + "\x16\x04"s);
  CHECK(d.encoding == Encoding::kUtf16LeNoBom);
  CHECK(d.text == "Name: Iva\xD0\x96");
}

TEST_CASE("Encoding: too few ASCII-like units is not UTF-16LE but binary UTF-8") {
  // 8 of 10 units look like ASCII: below the 90 % threshold.
  DecodeError e = MustFail(Utf16Le("Name: Iv") + "\x16\x04\x16\x04"s);
  CHECK(e.message == "NUL byte in text (binary file, or UTF-16 without a byte order mark?)");
  CHECK(e.offset == 1);
}

TEST_CASE("Encoding: fewer than four bytes are never UTF-16LE without a BOM") {
  DecodeError e = MustFail("a\x00" "b"s);
  CHECK(e.message == "NUL byte in text (binary file, or UTF-16 without a byte order mark?)");
  CHECK(e.offset == 1);
}

TEST_CASE("Encoding: an odd number of bytes in UTF-16LE without a BOM fails as truncated UTF-16") {
  DecodeError e = MustFail(Utf16Le("<Objs>") + "\n");
  CHECK(e.message == "UTF-16 text has an odd number of bytes (truncated file?)");
  CHECK(e.offset == 12);
}

TEST_CASE("Encoding: a NUL character in UTF-16LE without a BOM fails at its offset") {
  DecodeError e = MustFail(Utf16Le("abcdefghijklmnopqrst") + "\x00\x00"s + Utf16Le("u"));
  CHECK(e.message == "NUL character in text (binary file?)");
  CHECK(e.offset == 40);
}

TEST_CASE("Encoding: invalid UTF-8 fails at the first byte of the bad sequence") {
  DecodeError e = MustFail("ab\xFF" "cd");
  CHECK(e.message == "invalid UTF-8 byte sequence (the file is neither UTF-8 nor UTF-16 with a byte order mark)");
  CHECK(e.offset == 2);
  CHECK(MustFail("a\xE2\x28\xA1").offset == 1);   // bad continuation byte
  CHECK(MustFail("\xC0\xAF").offset == 0);        // overlong '/'
  CHECK(MustFail("ab\xE0\x80\xAF").offset == 2);  // overlong three-byte form
  CHECK(MustFail("\xED\xA0\x80").offset == 0);    // encoded surrogate D800
  CHECK(MustFail("x\xF4\x90\x80\x80").offset == 1);  // above U+10FFFF
  CHECK(MustFail("xy\x80").offset == 2);          // continuation byte without a lead
  CHECK(MustFail("abc\xE2\x82").offset == 3);     // truncated at the end of the file
  CHECK(MustFail("\xF8\x88\x80\x80\x80").offset == 0);  // five-byte form
}

TEST_CASE("Encoding: valid multi-byte UTF-8 of every length is accepted") {
  DecodedText d = MustDecode("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF");
  CHECK(d.encoding == Encoding::kUtf8);
  CHECK(d.text == "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF");
}

TEST_CASE("Encoding: errors after a UTF-8 BOM count the BOM in the offset") {
  DecodeError bad = MustFail("\xEF\xBB\xBF" "ab\xC3");
  CHECK(bad.message == "invalid UTF-8 byte sequence");
  CHECK(bad.offset == 5);
  DecodeError nul = MustFail("\xEF\xBB\xBF" "a\x00"s);
  CHECK(nul.message == "NUL byte in UTF-8 text (binary file?)");
  CHECK(nul.offset == 4);
}

TEST_CASE("Encoding: a NUL byte in text that is not UTF-16 fails as binary") {
  DecodeError e = MustFail("PK\x03\x04\x00\x00\x00\x00"s);
  CHECK(e.message == "NUL byte in text (binary file, or UTF-16 without a byte order mark?)");
  CHECK(e.offset == 4);
}

}  // namespace
}  // namespace lint
