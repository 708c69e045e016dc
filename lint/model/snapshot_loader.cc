#include "lint/model/snapshot_loader.h"

#include <algorithm>

#include <yaml-cpp/yaml.h>

#include "lint/model/kind_schema.h"
#include "lint/model/normalize.h"
#include "lint/source/encoding.h"
#include "lint/util/yaml_documents.h"

namespace lint {

namespace {

// Session metadata that PowerShell remoting adds to every object; not
// configuration.
constexpr std::string_view kNoise[] = {"SerializationData", "RunspaceId", "PSShowComputerName",
                                       "PSComputerName", "PSSourceJobInstanceId"};

bool IsNoise(std::string_view name) {
  for (std::string_view n : kNoise) {
    if (EqualsIgnoreCase(n, name)) return true;
  }
  return false;
}

std::vector<std::string> PathComponents(const std::string& path) {
  std::vector<std::string> out;
  std::string current;
  for (char c : path) {
    if (c == '/' || c == '\\') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

std::string BaseName(const std::string& path) {
  auto parts = PathComponents(path);
  return parts.empty() ? path : parts.back();
}

std::string Stem(const std::string& path) {
  std::string base = BaseName(path);
  auto dot = base.find('.');
  return dot == std::string::npos ? base : base.substr(0, dot);
}

// The side named by the nearest path component (onprem/, cloud/, ...).
Side SideFromPath(const std::string& path) {
  auto parts = PathComponents(path);
  if (!parts.empty()) parts.pop_back();  // the file name itself does not count
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (auto side = ParseSide(*it)) return *side;
  }
  return Side::kUnknown;
}

bool IsManifest(const std::string& path) {
  std::string base = ToLowerAscii(BaseName(path));
  return base == "snapshot.yaml" || base == "snapshot.yml";
}

bool IsSkipped(const std::string& root, const std::string& path) {
  std::string rel = path.substr(std::min(path.size(), root.size()));
  for (const std::string& part : PathComponents(rel)) {
    if (!part.empty() && part[0] == '.') return true;
  }
  std::string base = ToLowerAscii(BaseName(path));
  return base.ends_with(".md") || IsManifest(path);
}

// Side from the content: Exchange Online objects live under "Microsoft
// Exchange Hosted Organizations" / ConfigurationUnits and carry
// ExchangeObjectId or OrganizationalUnitRoot.
Side SideFromContent(const Value& props) {
  for (const char* f : {"ExchangeObjectId", "OrganizationalUnitRoot"}) {
    if (const Value* v = props.Field(f); v && !v->is_null()) return Side::kCloud;
  }
  for (const char* f : {"DistinguishedName", "Identity", "Id"}) {
    const Value* v = props.Field(f);
    if (!v) continue;
    std::string text = ToLowerAscii(v->is_object() ? (v->Field("DistinguishedName") ? v->Field("DistinguishedName")->text : v->text) : v->text);
    if (text.find("microsoft exchange hosted organizations") != std::string::npos ||
        text.find("cn=configurationunits") != std::string::npos ||
        text.find("dc=prod,dc=outlook,dc=com") != std::string::npos) {
      return Side::kCloud;
    }
  }
  return Side::kUnknown;
}

const KindSchema* DetectKindBySignature(const Value& props, std::vector<InputWarning>& warnings,
                                        SourceSpan span) {
  const KindSchema* best = nullptr;
  size_t best_size = 0;
  bool tie = false;
  for (const KindSchema& kind : ModelSchema::Builtin().kinds()) {
    if (kind.signature.empty()) continue;
    bool all = std::all_of(kind.signature.begin(), kind.signature.end(),
                           [&](const std::string& p) { return props.Field(p) != nullptr; });
    if (!all) continue;
    if (kind.signature.size() > best_size) {
      best = &kind;
      best_size = kind.signature.size();
      tie = false;
    } else if (kind.signature.size() == best_size) {
      tie = true;
    }
  }
  if (tie) {
    warnings.push_back({"the properties fit several kinds; name the file after its cmdlet (Get-Xxx)", "", span});
    return nullptr;
  }
  return best;
}

std::string RenderIdentity(const std::string& templ, const Value& props) {
  // Alternatives separated by '|'; the first whose placeholders are all
  // non-empty wins.
  size_t start = 0;
  while (start <= templ.size()) {
    size_t bar = templ.find('|', start);
    std::string alt = templ.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    std::string out;
    bool complete = true;
    for (size_t i = 0; i < alt.size(); ++i) {
      if (alt[i] == '\\' && i + 1 < alt.size() && alt[i + 1] == '\\') {
        out += '\\';
        ++i;
      } else if (alt[i] == '{') {
        size_t close = alt.find('}', i);
        if (close == std::string::npos) break;
        std::string name = alt.substr(i + 1, close - i - 1);
        const Value* v = props.Field(name);
        std::string text = v ? v->ToDisplay() : "";
        if (text.empty()) complete = false;
        out += text;
        i = close;
      } else {
        out += alt[i];
      }
    }
    if (complete && !out.empty()) return out;
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return "";
}

struct ManifestSides {
  std::string dir;  // the manifest's directory, with a trailing '/'
  Side side = Side::kUnknown;
};

void ReadManifest(const std::string& path, const std::string& contents, Snapshot& snapshot,
                  std::vector<ManifestSides>& sides, DiagnosticSink& sink) {
  // A file name need not be UTF-8 (found by fuzz/); messages must be.
  const std::string shown = ToValidUtf8(path);
  try {
    std::vector<YAML::Node> documents = LoadAllYamlDocuments(contents);
    if (documents.empty()) return;
    YAML::Node root = documents.front();
    if (!root.IsMap()) return;
    static const char* kKeys[] = {"organization", "collected_at", "collected_by", "cloud_instance",
                                  "side", "onprem_domains", "tenant", "notes"};
    for (const auto& entry : root) {
      std::string key = entry.first.as<std::string>();
      if (std::none_of(std::begin(kKeys), std::end(kKeys), [&](const char* k) { return key == k; })) {
        Diagnostic d;
        d.code = "LINT-IMPORT";
        d.severity = Severity::kWarning;
        d.path = shown + ":" + std::to_string(entry.first.Mark().line + 1) + ":" +
                 std::to_string(entry.first.Mark().column + 1);
        d.message = "unknown manifest key '" + key + "' (known: organization, collected_at, collected_by, cloud_instance, side, onprem_domains, tenant, notes)";
        sink.Add(d);
      }
    }
    std::string dir = path.substr(0, path.size() - BaseName(path).size());
    if (root["side"]) {
      auto side = ParseSide(root["side"].as<std::string>());
      if (!side) {
        Diagnostic d;
        d.code = "LINT-IMPORT";
        d.path = shown + ":" + std::to_string(root["side"].Mark().line + 1) + ":" +
                 std::to_string(root["side"].Mark().column + 1);
        d.message = "expected side 'onprem' or 'cloud'";
        sink.Add(d);
      } else {
        sides.push_back({dir, *side});
      }
    }
    if (snapshot.manifest.path.empty() || dir.size() < snapshot.manifest.path.size()) {
      Manifest& m = snapshot.manifest;
      m.path = path;
      auto text = [&](const char* key) { return root[key] ? root[key].as<std::string>() : std::string(); };
      m.organization = text("organization");
      m.collected_at = text("collected_at");
      m.collected_by = text("collected_by");
      m.cloud_instance = text("cloud_instance");
      m.tenant = text("tenant");
      if (root["onprem_domains"] && root["onprem_domains"].IsSequence()) {
        for (const auto& d : root["onprem_domains"]) m.onprem_domains.push_back(d.as<std::string>());
      }
    }
  } catch (const YAML::Exception& e) {
    Diagnostic d;
    d.code = "LINT-IMPORT";
    d.path = shown + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
    d.message = "invalid snapshot manifest: " + e.msg;
    sink.Add(d);
  }
}

// Culture-formatted dates repeat on every object of a Format-List or CSV
// export; one warning per kind of problem and file says it, with a count.
void CollapseDateWarnings(std::vector<InputWarning>& warnings) {
  std::vector<InputWarning> out;
  std::map<std::string, std::pair<size_t, size_t>> seen;  // prefix -> (index in out, count)
  for (InputWarning& w : warnings) {
    std::string prefix;
    for (const char* p : {"ambiguous culture-formatted date", "culture-formatted date"}) {
      if (w.message.starts_with(p)) {
        prefix = p;
        break;
      }
    }
    if (prefix.empty()) {
      out.push_back(std::move(w));
      continue;
    }
    auto it = seen.find(prefix);
    if (it == seen.end()) {
      seen[prefix] = {out.size(), 1};
      out.push_back(std::move(w));
    } else {
      ++it->second.second;
    }
  }
  for (const auto& [prefix, entry] : seen) {
    if (entry.second > 1) {
      out[entry.first].message += " (and " + std::to_string(entry.second - 1) + " more such date(s) in this file)";
    }
  }
  warnings = std::move(out);
}

}  // namespace

Object BuildObject(const RawObject& raw, const InputFile& input, size_t input_index, Side input_side,
                   std::vector<InputWarning>& warnings) {
  const ModelSchema& schema = ModelSchema::Builtin();
  Object obj;
  obj.span = raw.span;
  obj.input = input_index;

  // Kind: explicit (YAML), CLIXML/CSV type name, property set, file name.
  const KindSchema* kind = nullptr;
  if (!raw.kind.empty()) {
    kind = schema.FindKind(raw.kind);
    if (!kind) warnings.push_back({"unknown kind '" + raw.kind + "'", "", raw.span});
  }
  // Only the most specific type name: RemoteMailbox derives from MailUser,
  // so matching further down the chain would mistake one for the other.
  if (!kind && !raw.type_names.empty()) kind = schema.FindByTypeName(raw.type_names.front());
  if (!kind && raw.kind.empty()) kind = DetectKindBySignature(raw.properties, warnings, raw.span);
  if (!kind && !input.file_kind.empty()) kind = schema.FindKind(input.file_kind);
  if (kind) {
    obj.kind = kind->kind;
  } else {
    obj.kind = "";
    std::string type = raw.type_names.empty() ? "" : " (type " + raw.type_names.front() + ")";
    warnings.push_back({"unknown kind of object" + type +
                            ": not the output of a cmdlet hybridlint reads; it is not checked",
                        "", raw.span});
  }

  // Side: explicit (YAML), manifest/path, the kind's only side, content.
  Side side = Side::kUnknown;
  if (!raw.side.empty()) side = ParseSide(raw.side).value_or(Side::kUnknown);
  if (side == Side::kUnknown) side = input_side;
  if (side == Side::kUnknown && kind && kind->sides.size() == 1) {
    side = ParseSide(kind->sides.front()).value_or(Side::kUnknown);
  }
  if (side == Side::kUnknown) side = SideFromContent(raw.properties);
  if (side == Side::kUnknown && kind) {
    warnings.push_back({"cannot tell whether this " + kind->kind +
                            " is on-premises or cloud: put the file under onprem/ or cloud/, or add a snapshot.yaml with 'side:'",
                        "", raw.span});
  }
  obj.side = side;

  // Properties.
  obj.properties = Value::Object({}, raw.properties.span);
  const Value* der = nullptr;
  for (const Value& field : raw.properties.items) {
    if (IsNoise(field.name)) continue;
    std::string name = field.name;
    const PropertyType* type = nullptr;
    if (kind) {
      if (const auto* entry = kind->FindEntry(name)) {
        name = entry->first;
        type = &entry->second;
      }
    }
    if (obj.properties.Field(name)) continue;  // Props before MS; first wins
    if (kind && !kind->certificate_from.empty() && EqualsIgnoreCase(name, kind->certificate_from)) {
      der = &field;
      continue;
    }
    size_t before = warnings.size();
    Value v = type ? NormalizeValue(field, *type, schema, name, warnings) : NormalizeUnknown(field);
    v.span = field.span;
    if (v.loss == Loss::kLost) {
      std::string reason = "the export lost the value of " + name;
      for (size_t i = 0; i < warnings.size(); ++i) {
        if (EqualsIgnoreCase(warnings[i].property, name)) reason = warnings[i].message;
      }
      obj.missing_reasons[name] = reason;
    }
    (void)before;
    v.name = std::move(name);  // not there yet (checked above): no second lookup
    obj.properties.items.push_back(std::move(v));
  }
  for (auto& w : warnings) {
    if (w.property.empty()) continue;
  }

  // A certificate object exported with Export-Clixml: only RawData.
  if (der) {
    Value raw_cert = Value::Object({}, der->span);
    raw_cert.SetField("RawData", *der);
    Value cert = NormalizeValue(raw_cert, PropertyType{PropertyType::Base::kCertificate, "", {}}, schema,
                                kind->certificate_from, warnings);
    if (cert.is_object()) {
      for (const Value& f : cert.items) {
        if (!obj.properties.Field(f.name)) obj.properties.SetField(f.name, f);
      }
    }
    std::vector<std::string> absent;
    for (const auto& [name, type] : kind->properties) {
      if (!obj.properties.Field(name) && !EqualsIgnoreCase(name, kind->certificate_from)) {
        obj.missing_reasons[name] = "this export of " + kind->cmdlet +
                                    " holds only the certificate's RawData, so " + name +
                                    " is not in it (export a Select-Object projection that includes " + name + ")";
        absent.push_back(name);
      }
    }
    if (!absent.empty()) {
      std::string list;
      for (size_t i = 0; i < absent.size() && i < 6; ++i) list += (i ? ", " : "") + absent[i];
      if (absent.size() > 6) list += ", ...";
      warnings.push_back({"only RawData was exported (as Export-Clixml does for certificates): Thumbprint, Subject, "
                          "Issuer and validity come from the DER; " + list + " are not in this export",
                          "", raw.span});
    }
  }

  if (kind) obj.identity = RenderIdentity(kind->identity, obj.properties);
  if (obj.identity.empty()) {
    for (const char* f : {"Identity", "Name", "Id"}) {
      if (const Value* v = obj.properties.Field(f); v && !v->ToDisplay().empty()) {
        obj.identity = v->ToDisplay();
        break;
      }
    }
  }
  return obj;
}

LoadOptions LoadOptionsFor(const Limits& limits) {
  LoadOptions options;
  options.max_file_bytes = limits.max_file_bytes;
  options.import_limits.max_depth = limits.max_depth;
  options.import_limits.max_objects = limits.max_objects;
  options.import_limits.max_string_bytes = limits.max_string_bytes;
  return options;
}

Snapshot LoadSnapshot(const std::vector<std::string>& paths, FileSystem& fs, const LoadOptions& options,
                      DiagnosticSink& sink) {
  Snapshot snapshot;
  struct Candidate {
    std::string path;
    bool explicit_file;
  };
  std::vector<Candidate> files;
  std::vector<ManifestSides> manifest_sides;
  auto import_error = [&](const std::string& path, std::string message) {
    Diagnostic d;
    d.code = "LINT-IMPORT";
    d.path = ToValidUtf8(path);  // a file name need not be UTF-8 (found by fuzz/)
    d.message = std::move(message);
    sink.Add(d);
  };
  for (const std::string& path : paths) {
    if (fs.IsDirectory(path)) {
      auto listed = fs.ListFilesRecursive(path);
      if (!listed) {
        import_error(path, "cannot list directory: " + listed.error());
        continue;
      }
      for (const std::string& f : *listed) {
        if (IsManifest(f)) {
          auto contents = fs.ReadFile(f, options.max_file_bytes);
          if (contents) ReadManifest(f, *contents, snapshot, manifest_sides, sink);
          else import_error(f, "cannot read: " + contents.error());
          continue;
        }
        if (!IsSkipped(path, f)) files.push_back({f, false});
      }
    } else if (!fs.Exists(path)) {
      import_error(path, "no such file or directory");
    } else if (IsManifest(path)) {
      auto contents = fs.ReadFile(path, options.max_file_bytes);
      if (contents) ReadManifest(path, *contents, snapshot, manifest_sides, sink);
      else import_error(path, "cannot read: " + contents.error());
    } else {
      files.push_back({path, true});
    }
  }
  if (paths.empty()) import_error("", "no input: give a snapshot directory or export files");

  for (const Candidate& candidate : files) {
    auto raw = fs.ReadFile(candidate.path, options.max_file_bytes);
    if (!raw) {
      import_error(candidate.path, "cannot read: " + raw.error());
      continue;
    }
    auto decoded = DecodeText(*raw);
    if (!decoded) {
      // The text could not be decoded, so count lines in the raw bytes.
      size_t offset = std::min(decoded.error().offset, raw->size());
      size_t line = 1, column = 1;
      for (size_t i = 0; i < offset; ++i) {
        if ((*raw)[i] == '\n') {
          ++line;
          column = 1;
        } else {
          ++column;
        }
      }
      import_error(candidate.path + ":" + std::to_string(line) + ":" + std::to_string(column),
                   decoded.error().message + " (at byte " + std::to_string(decoded.error().offset) + ")");
      continue;
    }
    // Reports show the name as UTF-8 (bytes that are not become U+FFFD); the
    // raw name is only for reading (found by fuzz/: fixtures/fuzz-regressions/snapshot/).
    std::string shown = ToValidUtf8(candidate.path);
    const SourceFile& file = snapshot.sources.Add(shown, decoded->encoding, std::move(decoded->text));
    InputFile input;
    input.path = shown;
    input.encoding = std::string(EncodingName(file.encoding()));
    input.file_id = file.id();
    if (const KindSchema* k = ModelSchema::Builtin().FindByFileStem(Stem(candidate.path))) {
      input.file_kind = k->kind;
    }
    // Side of the whole file: nearest manifest with side:, else the path.
    Side input_side = Side::kUnknown;
    size_t best = 0;
    for (const ManifestSides& m : manifest_sides) {
      if (candidate.path.starts_with(m.dir) && m.dir.size() >= best) {
        input_side = m.side;
        best = m.dir.size();
      }
    }
    if (input_side == Side::kUnknown) input_side = SideFromPath(candidate.path);
    input.side = input_side;

    if (Trim(file.text()).empty() && !input.file_kind.empty()) {
      // ConvertTo-Json, Format-List and Export-Csv write nothing for an
      // empty pipeline: the cmdlet returned no objects.
      input.format = "empty";
      input.warnings.push_back({"the export is empty: " + snapshot.CmdletOf(input.file_kind) +
                                    " returned no objects (read as an export of none)",
                                "", file.Span(0, 0)});
      snapshot.inputs.push_back(std::move(input));
      continue;
    }
    if (Trim(file.text()).empty()) {
      Diagnostic d;
      d.code = "LINT-IMPORT";
      d.span = file.Span(0, 0);
      d.message = "file is empty: expected an export (Export-Clixml, ConvertTo-Json, Format-List, Export-Csv or a YAML snapshot); "
                  "name an empty export after its cmdlet (Get-Xxx) to record that the cmdlet returned nothing";
      sink.Add(d);
      continue;
    }
    const ImporterInfo* importer = DetectImporter(file);
    if (!importer) {
      Diagnostic d;
      d.code = "LINT-IMPORT";
      d.span = file.Span(0, 0);
      d.message = "unrecognized format: expected Export-Clixml XML, ConvertTo-Json, Format-List text ('Name : Value'), Export-Csv or a hybridlint YAML snapshot";
      sink.Add(d);
      continue;
    }
    input.format = std::string(importer->name);
    auto result = importer->import(file, options.import_limits);
    if (!result) {
      Diagnostic d;
      d.code = "LINT-IMPORT";
      d.span = result.error().span.valid() ? result.error().span : file.Span(0, 0);
      d.message = result.error().message;
      sink.Add(d);
      continue;
    }
    size_t input_index = snapshot.inputs.size();
    for (const ImportWarning& w : result->warnings) {
      input.warnings.push_back({w.message, w.property, w.span});
    }
    for (const RawObject& raw_object : result->objects) {
      std::vector<InputWarning> warnings;
      Object obj = BuildObject(raw_object, input, input_index, input_side, warnings);
      for (InputWarning& w : warnings) input.warnings.push_back(std::move(w));
      snapshot.objects.push_back(std::move(obj));
    }
    CollapseDateWarnings(input.warnings);
    if (result->objects.empty() && input.file_kind.empty()) {
      input.warnings.push_back({"the file holds no objects and its name names no cmdlet", "", file.Span(0, 0)});
    }
    snapshot.inputs.push_back(std::move(input));
  }
  return snapshot;
}

}  // namespace lint
