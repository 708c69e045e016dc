#include "lint/util/civil_date.h"

#include <doctest/doctest.h>

namespace lint {

TEST_CASE("CivilDate: the epoch, leap days and far years round-trip") {
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(DaysFromCivil(2000, 3, 1) == 11017);
  CHECK(DaysFromCivil(1, 1, 1) == -719162);
  CHECK(FormatCivilDate(DaysFromCivil(2024, 2, 29)) == "2024-02-29");
  CHECK(FormatCivilDate(DaysFromCivil(2026, 11, 22) + 60) == "2027-01-21");
  CHECK(FormatCivilDate(-1) == "1969-12-31");
  for (int64_t d = -800000; d < 3000000; d += 997) {
    int y, m, day;
    CivilFromDays(d, y, m, day);
    CHECK(DaysFromCivil(y, m, day) == d);
  }
}

}  // namespace lint
