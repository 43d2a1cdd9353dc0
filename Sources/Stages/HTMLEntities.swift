/// The HTML named character references that turn up in article dumps.
///
/// Not all of HTML's two thousand: the Latin-1 set and the typographic ones, which are what web
/// pages use for text; an unknown name is left as it is.
enum HTMLEntities {
  static let named: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“",
    "rdquo": "”", "bdquo": "„", "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›",
    "hellip": "…", "bull": "•", "middot": "·", "prime": "′", "Prime": "″", "dagger": "†",
    "Dagger": "‡", "permil": "‰", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢",
    "copy": "©", "reg": "®", "trade": "™", "deg": "°", "plusmn": "±", "times": "×",
    "divide": "÷", "sect": "§", "para": "¶", "frac12": "½", "frac14": "¼", "frac34": "¾",
    "sup1": "¹", "sup2": "²", "sup3": "³", "micro": "µ", "iexcl": "¡", "iquest": "¿",
    "ordf": "ª", "ordm": "º", "not": "¬", "shy": "\u{AD}", "macr": "¯", "acute": "´",
    "cedil": "¸", "uml": "¨", "curren": "¤", "brvbar": "¦", "thinsp": "\u{2009}",
    "ensp": "\u{2002}", "emsp": "\u{2003}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
    "lrm": "\u{200E}", "rlm": "\u{200F}", "minus": "−", "larr": "←", "rarr": "→",
    "uarr": "↑", "darr": "↓", "harr": "↔", "le": "≤", "ge": "≥", "ne": "≠", "asymp": "≈",
    "infin": "∞", "szlig": "ß", "AElig": "Æ", "aelig": "æ", "OElig": "Œ", "oelig": "œ",
    "Oslash": "Ø", "oslash": "ø", "Aring": "Å", "aring": "å", "ETH": "Ð", "eth": "ð",
    "THORN": "Þ", "thorn": "þ", "Scaron": "Š", "scaron": "š", "Zcaron": "Ž", "zcaron": "ž",
    "Yuml": "Ÿ", "yuml": "ÿ", "fnof": "ƒ", "circ": "ˆ", "tilde": "˜",
  ]

  /// Letters that take accents by entity name: `eacute`, `Ccedil`, `ntilde`, `ouml`.
  static let accents: [String: UInt32] = [
    "grave": 0x300, "acute": 0x301, "circ": 0x302, "tilde": 0x303, "uml": 0x308, "cedil": 0x327,
  ]

  /// The text an entity name stands for, or nil for a name this table does not know.
  static func text(forName name: String) -> String? {
    if let text = named[name] { return text }
    guard let base = name.first, base.isASCII, base.isLetter else { return nil }
    let mark = String(name.dropFirst())
    guard let combining = accents[mark], let scalar = Unicode.Scalar(combining) else { return nil }
    let composed = String(decoding: NFC.normalize(Array((String(base) + String(scalar)).utf8)), as: UTF8.self)
    return composed.unicodeScalars.count == 1 ? composed : nil
  }

  /// The character reference at `ampersand` (`&rsquo;`, `&#8217;`, `&#x2019;`), ending before
  /// `limit`: its text and where it ends; nil where there is none this table knows.
  static func reference(in text: [UInt8], at ampersand: Int, limit: Int) -> (text: String, end: Int)? {
    let limit = min(limit, ampersand + 12)
    guard ampersand + 1 < limit,
      let semicolon = text[(ampersand + 1)..<limit].firstIndex(of: 0x3B), semicolon > ampersand + 1
    else { return nil }
    let body = String(decoding: text[(ampersand + 1)..<semicolon], as: UTF8.self)
    if body.hasPrefix("#") {
      let digits = body.dropFirst()
      let value =
        digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
      guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
      return (String(scalar), semicolon + 1)
    }
    guard let decoded = Self.text(forName: body) else { return nil }
    return (decoded, semicolon + 1)
  }
}
