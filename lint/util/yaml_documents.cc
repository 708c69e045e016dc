#include "lint/util/yaml_documents.h"

#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

namespace lint {

namespace {

// Sees only where documents start; a document starting where the last one
// did means the parser is stuck on a token it cannot use.
class DocumentStarts final : public YAML::EventHandler {
 public:
  explicit DocumentStarts(const std::string& text) : text_(text) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (started_ && mark.pos == last_.pos) {
      std::string what = mark.pos >= 0 && static_cast<size_t>(mark.pos) < text_.size()
                             ? "'" + std::string(1, text_[static_cast<size_t>(mark.pos)]) + "'"
                             : "character";
      throw YAML::ParserException(mark, "unexpected " + what + " where a value or a new document was expected");
    }
    started_ = true;
    last_ = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  const std::string& text_;
  bool started_ = false;
  YAML::Mark last_;
};

}  // namespace

std::vector<YAML::Node> LoadAllYamlDocuments(const std::string& text) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentStarts starts(text);
  while (parser.HandleNextDocument(starts)) {
  }
  return YAML::LoadAll(text);
}

}  // namespace lint
