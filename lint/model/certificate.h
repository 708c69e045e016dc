#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace lint {

/// What a linter needs from an X.509 certificate.
struct CertificateInfo {
  std::string thumbprint;  ///< SHA-1 of the DER, upper-case hex (as Windows shows it)
  std::string subject;     ///< "CN=Microsoft Exchange Server Auth Certificate" (.NET order, ", ")
  std::string issuer;
  std::string not_before;  ///< ISO 8601 UTC, "2025-06-01T00:00:00Z"
  std::string not_after;
  std::string serial_number;  ///< upper-case hex of the DER content bytes, as .NET shows it (a leading 00 kept)
};

/// Decodes base64 (space, tab, CR and LF ignored; the final `=` padding is
/// optional but, when present, must complete the last group of four). Fails
/// with a one-line reason on any other character, data after padding, more
/// than two `=`, or a lone final character.
std::expected<std::string, std::string> DecodeBase64(std::string_view text);

/// Parses a DER certificate (OpenSSL). Names use .NET's X500 form: Windows
/// short keys (CN, O, OU, L, S, C, E, ...; others `OID.x.y`), values with
/// `,+="<>#;` quoted. Fails with a one-line reason when `der` is not exactly
/// one certificate (garbage, or bytes after it).
std::expected<CertificateInfo, std::string> ParseCertificateDer(std::string_view der);

}  // namespace lint
