#include "lint/diff/compare.h"

#include <doctest/doctest.h>

namespace lint {

namespace {

PropertyType Type(const char* text) { return *ParsePropertyType(text); }

Value Strings(std::initializer_list<const char*> items) {
  std::vector<Value> v;
  for (const char* s : items) v.push_back(Value::String(s));
  return Value::List(v);
}

}  // namespace

TEST_CASE("NoiseProperties: replication stamps are noise, identity stamps are not") {
  CHECK(IsNoiseProperty("WhenChanged"));
  CHECK(IsNoiseProperty("whenchangedutc"));
  CHECK(IsNoiseProperty("OriginatingServer"));
  CHECK(IsNoiseProperty("RunspaceId"));
  CHECK_FALSE(IsNoiseProperty("Guid"));
  CHECK_FALSE(IsNoiseProperty("WhenCreated"));
  CHECK_FALSE(IsNoiseProperty("ExchangeObjectId"));
  CHECK_FALSE(IsNoiseProperty("Enabled"));
}

TEST_CASE("RecreatedNote: a new Guid means the object was created again") {
  CHECK(RecreatedNote("Guid") == "a different Guid: the object was deleted and created again with the same name");
  CHECK(RecreatedNote("whencreatedutc").starts_with("a different WhenCreatedUTC"));
  CHECK(RecreatedNote("DomainNames").empty());
}

TEST_CASE("IsOrderedList: only WeatherLocations keeps its order") {
  CHECK(IsOrderedList("MailboxCalendarConfiguration", "WeatherLocations"));
  CHECK_FALSE(IsOrderedList("OrganizationRelationship", "DomainNames"));
  CHECK_FALSE(IsOrderedList("WebServicesVirtualDirectory", "InternalAuthenticationMethods"));
}

TEST_CASE("CompareValues: lists are sets, and the difference names the items") {
  PropertyType domains = Type("list<domain>");
  auto same = CompareValues(Strings({"contoso.com", "fabrikam.com"}), Strings({"Fabrikam.com", "contoso.com"}), &domains, false);
  CHECK(same.result == Comparison::kSame);
  auto added = CompareValues(Strings({"contoso.com"}), Strings({"contoso.com", "fabrikam.com"}), &domains, false);
  CHECK(added.result == Comparison::kChanged);
  CHECK(added.as_set);
  REQUIRE(added.added.size() == 1);
  CHECK(added.added[0].text == "fabrikam.com");
  CHECK(added.removed.empty());
  // A duplicate counts: {a, a} is not {a}.
  auto dup = CompareValues(Strings({"contoso.com", "contoso.com"}), Strings({"contoso.com"}), &domains, false);
  CHECK(dup.result == Comparison::kChanged);
  CHECK(dup.removed.size() == 1);
}

TEST_CASE("CompareValues: an ordered list compares position by position") {
  PropertyType strings = Type("list<string>");
  CHECK(CompareValues(Strings({"Oslo", "Bergen"}), Strings({"Bergen", "Oslo"}), &strings, true).result ==
        Comparison::kChanged);
  CHECK(CompareValues(Strings({"Oslo", "Bergen"}), Strings({"Oslo", "Bergen"}), &strings, true).result ==
        Comparison::kSame);
}

TEST_CASE("CompareValues: case matters for names and URLs, not for domains and enum names") {
  PropertyType text = Type("string");
  PropertyType uri = Type("uri");
  PropertyType domain = Type("domain");
  PropertyType level = Type("enum<FreeBusyAccessLevel>");
  PropertyType tokens = Type("list<token>");
  CHECK(CompareValues(Value::String("EX01"), Value::String("ex01"), &text, false).result == Comparison::kChanged);
  CHECK(CompareValues(Value::String("https://mail.contoso.com/EWS/Exchange.asmx"),
                      Value::String("https://mail.contoso.com/ews/exchange.asmx"), &uri, false)
            .result == Comparison::kChanged);
  CHECK(CompareValues(Value::String("Contoso.com"), Value::String("contoso.com"), &domain, false).result ==
        Comparison::kSame);
  CHECK(CompareValues(Value::String("LimitedDetails"), Value::String("limiteddetails"), &level, false).result ==
        Comparison::kSame);
  // EmailAddresses: SMTP: marks the primary address, smtp: a secondary one.
  CHECK(CompareValues(Strings({"SMTP:a@contoso.com"}), Strings({"smtp:a@contoso.com"}), &tokens, false).result ==
        Comparison::kChanged);
}

TEST_CASE("CompareValues: blank is blank, whatever its form") {
  PropertyType uri = Type("uri");
  PropertyType list = Type("list<domain>");
  CHECK(CompareValues(Value::Null(), Value::String(""), &uri, false).result == Comparison::kSame);
  CHECK(CompareValues(Value::Null(), Value::List({}), &list, false).result == Comparison::kSame);
  auto set = CompareValues(Value::Null(), Strings({"contoso.com"}), &list, false);
  CHECK(set.result == Comparison::kChanged);
  CHECK(set.added.size() == 1);
  CHECK(CompareValues(Value::String("contoso.com"), Strings({"contoso.com"}), &list, false).result ==
        Comparison::kSame);
}

TEST_CASE("CompareValues: numbers compare by value, booleans by truth") {
  CHECK(CompareValues(Value::Int(3), Value::Double(3.0), nullptr, false).result == Comparison::kSame);
  CHECK(CompareValues(Value::Int(3), Value::Int(4), nullptr, false).result == Comparison::kChanged);
  CHECK(CompareValues(Value::Bool(true), Value::Bool(false), nullptr, false).result == Comparison::kChanged);
  CHECK(CompareValues(Value::Bool(true), Value::String("True"), nullptr, false).result == Comparison::kChanged);
}

TEST_CASE("CompareValues: dates compare as instants; a date without a time zone is uncertain") {
  PropertyType date = Type("date");
  // The same instant from CLIXML (+02:00, normalized to Z) and JSON (ms).
  CHECK(CompareValues(Value::String("2025-06-12T13:43:41Z"), Value::String("2025-06-12T13:43:41.123Z"), &date, false)
            .result == Comparison::kSame);
  CHECK(CompareValues(Value::String("2025-06-12T13:43:41Z"), Value::String("2026-06-12T13:43:41Z"), &date, false)
            .result == Comparison::kChanged);
  // Format-List: local time two hours from UTC.
  auto local = CompareValues(Value::String("2025-06-12T13:43:41Z"), Value::String("2025-06-12T15:43:41"), &date, false);
  CHECK(local.result == Comparison::kUncertain);
  CHECK(local.reason.starts_with("the NEW export writes this date without a time zone"));
  // Equal digits read as equal; a year apart is a change, zone or not.
  CHECK(CompareValues(Value::String("2025-06-12T13:43:41"), Value::String("2025-06-12T13:43:41Z"), &date, false)
            .result == Comparison::kSame);
  CHECK(CompareValues(Value::String("2025-06-12T13:43:41"), Value::String("2026-06-12T13:43:41Z"), &date, false)
            .result == Comparison::kChanged);
  // 7 minutes is no time-zone offset.
  CHECK(CompareValues(Value::String("2025-06-12T13:43:41"), Value::String("2025-06-12T13:50:41Z"), &date, false)
            .result == Comparison::kChanged);
}

}  // namespace lint
