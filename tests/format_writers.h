#pragma once

// Writers of the four real PowerShell export formats, for tests that round-
// trip a normalized snapshot through them (tests/cross_format_rules_test.cc).
// They write what Windows PowerShell 5.1 writes for the objects of one
// Get- cmdlet, from the normalized properties and their schema/model types;
// serialization-reference.md Part B is the source of every encoding.
//
// All four take the objects of ONE kind (one Get- cmdlet's output, as one
// export file holds) and return UTF-8 text with CRLF line breaks; use
// Utf16LeWithBom() for the bytes Windows PowerShell puts on disk.
//
// What none of them writes: truncation (no `...` lists, no -Depth cuts), the
// remoting noise (PSComputerName, RunspaceId), certificate DER (RawData).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/model/kind_schema.h"
#include "lint/model/snapshot.h"

namespace lint::testing {

/// `Get-Xxx | Export-Clixml` as in the Exchange Management Shell (live type
/// names, no `Deserialized.`):
///   <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
///     <Obj RefId="0">
///       <TN RefId="0"><T>{kind's type_names}</T><T>System.Object</T></TN>
///       <ToString>{identity}</ToString>
///       <Props> ...one element per property, N="name"... </Props>
///     </Obj>
///   </Objs>
/// Per property: null `<Nil/>`; bool `<B>true</B>`; int `<I32>` (`<I64>`
/// beyond 32 bits); double `<Db>`; string `<S>`; guid `<G>`; uri `<URI>`;
/// date `<DT>` (round-trip ISO); timespan `<TS>` (xs:duration, `PT8H`);
/// enum an `<Obj>` with the enum's TN, `<ToString>Name</ToString>` and
/// `<I32>n</I32>` (`<I64>` for Int64-based enums); flags the same with
/// `A, B` and the OR of the bits (ExtendedProtectionFlag, an MVP, as a
/// list of such enums); lists an MVP `<Obj>` with its TN and `<LST>`
/// (`<LST />` when empty); domains SmtpDomain `<Obj>` (ToString + Domain);
/// adobjectid ADObjectId `<Obj>` (ToString + Name); version ServerVersion /
/// ExchangeObjectVersion `<Obj>` with ToString; certificates an X509
/// `<Obj>` with Thumbprint, Subject, Issuer, NotBefore, NotAfter props.
/// Strings are `_xHHHH_`-escaped (control chars, 0x7F-0x9F, surrogates,
/// `_x`) then XML-escaped; TN/TNRef and RefIds are numbered as PowerShell
/// does. No objects: `<Objs ... />`.
std::string WriteClixml(const std::vector<const Object*>& objects);

/// `Get-Xxx | ConvertTo-Json -Depth 5` in Windows PowerShell 5.1:
/// JavaScriptSerializer values laid out by 5.1's pretty-printer (4 spaces
/// per level, `"name":  value` with two spaces, nested containers indented
/// from their opening bracket's column, an empty array printed as `[`,
/// empty line, `]`). One object: a JSON object; several: an array. Enums
/// and flags are numbers (Int64-based ones, RecipientTypeDetails and
/// RemoteRecipientType, their name), ExtendedProtectionFlag an array of
/// numbers; dates `"\/Date(ms)\/"`; timespans the TimeSpan object (Ticks,
/// Days, ...); uris the System.Uri object (AbsoluteUri, ..., OriginalString;
/// a relative one only OriginalString, IsAbsoluteUri, UserEscaped);
/// domains `{"Domain": "x"}`; `Version a.b (Build c.d)` the ServerVersion
/// object; on-premises ADObjectIds the ADObjectId object (Rdn, Parent,
/// Depth, DistinguishedName, IsRelativeDn, DomainId, Name) rebuilt from
/// `SERVER\name`, `domain/a/b` or a configuration object's name (cloud
/// ones, as the EXO REST module gives them, a string); certificates an
/// object of the five certificate properties; every other string a string. `<>'&` are `\u003c`-style
/// escaped, as JavaScriptSerializer does. No objects: "" (5.1 writes
/// nothing for an empty pipeline).
std::string WriteJson(const std::vector<const Object*>& objects);

/// `Get-Xxx | Format-List | Out-File -Width 4096` in Windows PowerShell 5.1
/// with en-US culture: one empty line, then per object `Label : value`
/// lines with labels padded to the object's longest one and one empty line
/// after it, plus one more at the end. Values are their ToString: null and
/// empty nothing (`Label : `), bools True/False, enums their name, flags
/// `A, B`, lists `{a, b}` (all items: $FormatEnumerationLimit = -1), dates
/// `M/d/yyyy h:mm:ss tt` (the exporting machine on UTC), multi-line text
/// continued at the value column. Certificate objects are left out (FL
/// prints the X509 text block). No objects: "".
std::string WriteFormatList(const std::vector<const Object*>& objects);

/// `Get-Xxx | Export-Csv -Encoding UTF8` in Windows PowerShell 5.1 on a
/// deserialized (remote-session) object: `#TYPE <kind's type name>`, a
/// header line (the union of the objects' property names, first seen
/// first, as Exchange objects of one kind all have every property), one
/// line per object; every field quoted with `"` doubled, null written as
/// nothing (`,,`). Values as in WriteFormatList, except lists: a
/// deserialized collection's ToString, the items joined with one space
/// (`contoso.com fabrikam.com`). Certificate-typed columns that hold an
/// object are left out. No objects: "".
std::string WriteCsv(const std::vector<const Object*>& objects);

/// The bytes Windows PowerShell 5.1 writes for `text` with its default
/// `Unicode` encoding (Export-Clixml, Out-File): FF FE, then UTF-16LE.
std::string Utf16LeWithBom(std::string_view utf8);

/// .NET Enum.ToString() of a flags value: members taken from the highest
/// value down while all their bits are still set, listed ascending and
/// joined with ", "; 0 is the zero member's name (or "0"); bits no member
/// covers make the whole result the number.
std::string FlagsToString(const EnumTable& table, int64_t value);

/// The number of a flags value given as member names (composites stand for
/// all their bits); nullopt when a name is not a member.
std::optional<int64_t> FlagsValue(const EnumTable& table, const std::vector<std::string>& names);

/// An ISO date as the normalizer writes it (`2026-12-20T21:13:41Z`) in
/// en-US culture, `12/20/2026 9:13:41 PM`; nullopt when not such a date.
std::optional<std::string> CultureDate(std::string_view iso);

/// The string escaping of CLIXML (`_xHHHH_`, then XML entities).
std::string EncodeClixmlString(std::string_view utf8);

}  // namespace lint::testing
