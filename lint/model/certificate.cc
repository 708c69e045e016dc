#include "lint/model/certificate.h"

#include <cstdio>
#include <ctime>
#include <memory>
#include <vector>

#include <openssl/asn1.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

namespace lint {

std::expected<std::string, std::string> DecodeBase64(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t buffer = 0;
  int bits = 0;
  size_t data_chars = 0;
  size_t padding = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else if (c == '=') {
      if (++padding > 2) return std::unexpected("more than two '=' at offset " + std::to_string(i));
      continue;
    }
    else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    else {
      std::string shown = c > ' ' && c < 0x7F ? std::string("'") + c + "'" : "byte " + std::to_string(static_cast<unsigned char>(c));
      return std::unexpected("invalid base64 character " + shown + " at offset " + std::to_string(i));
    }
    if (padding) return std::unexpected("base64 data after padding at offset " + std::to_string(i));
    ++data_chars;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  // Padding is optional, but when present it must complete the last group,
  // and one character alone cannot hold a byte.
  if (data_chars % 4 == 1) return std::unexpected(std::string("truncated base64 data"));
  if (padding && (data_chars + padding) % 4 != 0) {
    return std::unexpected(std::string("wrong number of '=' at the end of base64 data"));
  }
  return out;
}

namespace {

// The short names Windows (CertNameToStr, X500 format) and so .NET use.
// Others are shown as "OID.<dotted>".
const char* DotNetKey(int nid) {
  switch (nid) {
    case NID_commonName: return "CN";
    case NID_localityName: return "L";
    case NID_organizationName: return "O";
    case NID_organizationalUnitName: return "OU";
    case NID_pkcs9_emailAddress: return "E";
    case NID_countryName: return "C";
    case NID_stateOrProvinceName: return "S";
    case NID_streetAddress: return "STREET";
    case NID_title: return "T";
    case NID_givenName: return "G";
    case NID_initials: return "I";
    case NID_surname: return "SN";
    case NID_domainComponent: return "DC";
    case NID_serialNumber: return "SERIALNUMBER";
    case NID_description: return "Description";
    case NID_postalCode: return "PostalCode";
    case NID_postOfficeBox: return "POBox";
    case NID_telephoneNumber: return "Phone";
    case NID_dnQualifier: return "dnQualifier";
    default: return nullptr;
  }
}

std::string Hex(const unsigned char* data, size_t len);

std::string AttributeToString(const X509_NAME_ENTRY* entry) {
  const ASN1_OBJECT* object = X509_NAME_ENTRY_get_object(entry);
  std::string out;
  if (const char* key = DotNetKey(OBJ_obj2nid(object))) {
    out = key;
  } else {
    char oid[128];
    OBJ_obj2txt(oid, sizeof oid, object, 1);
    out = std::string("OID.") + oid;
  }
  out += '=';
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(entry);
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, data);
  if (len < 0) {
    return out + "#" + Hex(ASN1_STRING_get0_data(data), static_cast<size_t>(ASN1_STRING_length(data)));
  }
  std::string value(reinterpret_cast<const char*>(utf8), static_cast<size_t>(len));
  OPENSSL_free(utf8);
  // CertNameToStr quotes a value with leading/trailing white space or one of
  // , + = " < > # ; or a line break, and doubles quotes inside.
  bool quote = !value.empty() && (value.front() == ' ' || value.back() == ' ' || value.front() == '\t' ||
                                  value.back() == '\t');
  quote = quote || value.find_first_of(",+=\"<>#;\r\n") != std::string::npos;
  if (!quote) return out + value;
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// .NET order: the most specific RDN first, RDNs separated by ", ", the
// attributes of a multi-valued RDN by " + ".
std::string NameToString(const X509_NAME* name) {
  std::vector<std::vector<std::string>> rdns;
  int last_set = -1;
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    int set = X509_NAME_ENTRY_set(entry);
    if (rdns.empty() || set != last_set) rdns.emplace_back();
    last_set = set;
    rdns.back().push_back(AttributeToString(entry));
  }
  std::string out;
  for (auto rdn = rdns.rbegin(); rdn != rdns.rend(); ++rdn) {
    if (!out.empty()) out += ", ";
    for (size_t i = 0; i < rdn->size(); ++i) {
      if (i) out += " + ";
      out += (*rdn)[i];
    }
  }
  return out;
}

std::string TimeToIso(const ASN1_TIME* t) {
  struct tm tm {};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string Hex(const unsigned char* data, size_t len) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < len; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 0xF];
  }
  return out;
}

// .NET shows the serial number's DER content bytes: a positive number whose
// high bit is set keeps its leading 00, a negative one its two's complement.
std::string SerialHex(const ASN1_INTEGER* serial) {
  if (!serial) return "";
  unsigned char* der = nullptr;
  int len = i2d_ASN1_INTEGER(serial, &der);
  if (len < 2) {
    OPENSSL_free(der);
    return "";
  }
  size_t header = der[1] < 0x80 ? 2 : 2 + (der[1] & 0x7F);
  std::string out = header < static_cast<size_t>(len) ? Hex(der + header, static_cast<size_t>(len) - header) : "";
  OPENSSL_free(der);
  return out;
}

}  // namespace

std::expected<CertificateInfo, std::string> ParseCertificateDer(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      d2i_X509(nullptr, &p, static_cast<long>(der.size())), X509_free);
  if (!cert) return std::unexpected(std::string("RawData is not a DER-encoded X.509 certificate"));
  // d2i_X509 reads a prefix; anything after it would make the thumbprint
  // differ from the SHA-1 of RawData.
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    auto extra = reinterpret_cast<const unsigned char*>(der.data()) + der.size() - p;
    return std::unexpected("RawData has " + std::to_string(extra) + (extra == 1 ? " byte" : " bytes") +
                           " after the DER-encoded certificate");
  }
  CertificateInfo info;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  if (X509_digest(cert.get(), EVP_sha1(), md, &md_len) != 1) {
    return std::unexpected(std::string("cannot compute the certificate thumbprint"));
  }
  info.thumbprint = Hex(md, md_len);
  info.subject = NameToString(X509_get_subject_name(cert.get()));
  info.issuer = NameToString(X509_get_issuer_name(cert.get()));
  info.not_before = TimeToIso(X509_get0_notBefore(cert.get()));
  info.not_after = TimeToIso(X509_get0_notAfter(cert.get()));
  info.serial_number = SerialHex(X509_get0_serialNumber(cert.get()));
  return info;
}

}  // namespace lint
