#pragma once

#include <cstdint>
#include <string>

namespace lint {

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// days_from_civil); valid for any year an export can hold.
int64_t DaysFromCivil(int year, int month, int day);

/// The inverse of DaysFromCivil.
void CivilFromDays(int64_t days, int& year, int& month, int& day);

/// "YYYY-MM-DD" of a day count.
std::string FormatCivilDate(int64_t days);

}  // namespace lint
