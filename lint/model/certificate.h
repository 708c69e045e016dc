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
  std::string serial_number;  ///< upper-case hex
};

/// Decodes base64 (whitespace ignored). Fails on any other character.
std::expected<std::string, std::string> DecodeBase64(std::string_view text);

/// Parses a DER certificate (OpenSSL). Fails with a one-line reason.
std::expected<CertificateInfo, std::string> ParseCertificateDer(std::string_view der);

}  // namespace lint
