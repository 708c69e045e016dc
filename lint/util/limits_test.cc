#include "lint/util/limits.h"

#include <doctest/doctest.h>

namespace lint {

TEST_CASE("ParseByteSize: bytes, binary and decimal units, and clear errors") {
  CHECK(ParseByteSize("1048576").value() == 1048576);
  CHECK(ParseByteSize("512MiB").value() == size_t{512} << 20);
  CHECK(ParseByteSize("1GiB").value() == size_t{1} << 30);
  CHECK(ParseByteSize("64kib").value() == 64 * 1024);
  CHECK(ParseByteSize("2 MiB").value() == size_t{2} << 20);
  CHECK(ParseByteSize("16M").value() == size_t{16} << 20);
  CHECK(ParseByteSize("16MB").value() == 16000000);
  CHECK(ParseByteSize("100b").value() == 100);
  CHECK(ParseByteSize("1.5GiB").error() ==
        "expected a size such as 512MiB, 1GiB, 64KiB or a number of bytes, found '1.5GiB'");
  CHECK(ParseByteSize("").error() == "expected a size such as 512MiB, 1GiB, 64KiB or a number of bytes, found ''");
  CHECK(ParseByteSize("12XB").error() ==
        "expected a size such as 512MiB, 1GiB, 64KiB or a number of bytes, found '12XB'");
  CHECK(ParseByteSize("-1").error() == "expected a size such as 512MiB, 1GiB, 64KiB or a number of bytes, found '-1'");
  CHECK(ParseByteSize("0").error() == "expected a size of at least 1 byte, found '0'");
  CHECK(ParseByteSize("99999999999TiB").error() == "expected a size of at most 4 EiB, found '99999999999TiB'");
  CHECK(ParseByteSize("99999999999999999999999").error() ==
        "expected a size of at most 4 EiB, found '99999999999999999999999'");
}

TEST_CASE("ParseCount: a whole number from 1 to the maximum") {
  CHECK(ParseCount("256", 1000).value() == 256);
  CHECK(ParseCount("1000", 1000).value() == 1000);
  CHECK(ParseCount("1001", 1000).error() == "expected a whole number from 1 to 1000, found '1001'");
  CHECK(ParseCount("0", 1000).error() == "expected a whole number from 1 to 1000, found '0'");
  CHECK(ParseCount("ten", 1000).error() == "expected a whole number from 1 to 1000, found 'ten'");
  CHECK(ParseCount("", 1000).error() == "expected a whole number from 1 to 1000, found ''");
  CHECK(ParseCount("0", size_t{1} << 40).error() == "expected a whole number 1 or more, found '0'");
  CHECK(ParseCount("99999999999999999999999", 1000).error() ==
        "expected a whole number from 1 to 1000, found '99999999999999999999999'");
}

TEST_CASE("ByteSizeText and ByteSizeValue: exact, in the largest unit that divides") {
  CHECK(ByteSizeText(size_t{256} << 20) == "256 MiB");
  CHECK(ByteSizeText(1536 * 1024) == "1536 KiB");
  CHECK(ByteSizeText(1000) == "1000 bytes");
  CHECK(ByteSizeText(1) == "1 byte");
  CHECK(ByteSizeText(size_t{1} << 30) == "1 GiB");
  CHECK(ByteSizeValue(size_t{256} << 20) == "256MiB");
  CHECK(ByteSizeValue(1000) == "1000");
  for (size_t n : {size_t{1}, size_t{1000}, size_t{1} << 20, size_t{3} << 40, size_t{1536} << 10}) {
    CHECK(ParseByteSize(ByteSizeValue(n)).value() == n);
  }
}

TEST_CASE("Limit messages: what, the limit, and the flag that raises it") {
  CHECK(DepthLimitMessage(256) == "values nest more than 256 levels deep; the limit is 256 (raise it with --max-depth)");
  CHECK(DepthLimitMessage(3, " through this <Ref>") ==
        "values nest more than 3 levels deep through this <Ref>; the limit is 3 (raise it with --max-depth)");
  CHECK(ObjectLimitMessage(100000) ==
        "more than 100000 objects in one file; the limit is 100000 (raise it with --max-objects)");
  CHECK(StringLimitMessage(size_t{16} << 20) ==
        "a string of more than 16777216 bytes; the limit is 16 MiB (raise it with --max-string-size)");
  CHECK(FileSizeLimitMessage(300000000, size_t{256} << 20) ==
        "file is 300000000 bytes; the limit is 256 MiB (raise it with --max-file-size)");
}

TEST_CASE("LimitOverrides: only the members set replace the base") {
  LimitOverrides o;
  o.max_depth = 12;
  Limits l = o.Apply({});
  CHECK(l.max_depth == 12);
  CHECK(l.max_objects == Limits{}.max_objects);
  CHECK(l.max_file_bytes == size_t{256} << 20);
  CHECK(l.max_string_bytes == size_t{16} << 20);
  CHECK(l.max_rules == 10000);
}

}  // namespace lint
