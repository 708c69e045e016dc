#pragma once

#include <string>
#include <vector>

#include "lint/model/kind_schema.h"
#include "lint/model/snapshot.h"
#include "lint/model/value.h"

namespace lint {

/// Converts a raw imported value to the normalized form of `type` (see
/// schema/model/README.md): the same property reads the same whatever the
/// format. Values that cannot be converted are kept as strings with a
/// warning; lost values keep `loss`. `property` names the property in
/// warnings.
Value NormalizeValue(const Value& raw, const PropertyType& type, const ModelSchema& schema,
                     const std::string& property, std::vector<InputWarning>& warnings);

/// Normalizes a property the model does not know: objects with a ToString
/// become that string, other values keep their shape; text stays text.
Value NormalizeUnknown(const Value& raw);

/// Parses the date forms exports contain into ISO 8601 ("...Z" when the
/// offset is known). Sets `warning` for culture-formatted or ambiguous
/// text. Returns empty when the text is not a date.
std::string NormalizeDate(std::string_view text, std::string& warning);

}  // namespace lint
