#include "lint/util/yaml_documents.h"

#include <sstream>

#include <yaml-cpp/depthguard.h>
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
  DocumentStarts(const std::string& text, size_t max_depth) : text_(text), max_depth_(max_depth) {}

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
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    Open(mark);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    Open(mark);
  }
  void OnMapEnd() override { --depth_; }

 private:
  void Open(const YAML::Mark& mark) {
    if (++depth_ > max_depth_) {
      throw YAML::ParserException(mark, "values nest more than " + std::to_string(max_depth_) +
                                            " levels deep; the limit for this file is " + std::to_string(max_depth_));
    }
  }

  const std::string& text_;
  size_t max_depth_;
  size_t depth_ = 0;
  bool started_ = false;
  YAML::Mark last_;
};

}  // namespace

std::vector<YAML::Node> LoadAllYamlDocuments(const std::string& text, size_t max_depth) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentStarts starts(text, max_depth);
  try {
    while (parser.HandleNextDocument(starts)) {
    }
  } catch (const YAML::DeepRecursion& e) {
    // Only when max_depth is above yaml-cpp's guard; its own message is "bad file".
    throw YAML::ParserException(e.mark, "values nest more than " + std::to_string(e.depth()) +
                                            " levels deep, the most the YAML reader supports");
  }
  return YAML::LoadAll(text);
}

}  // namespace lint
