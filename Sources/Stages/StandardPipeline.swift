import Pipeline

extension Pipeline {
  /// The stages docclean runs by default, in order.
  public static var standard: Pipeline { standard(userPhrases: UserPhrases()) }

  /// The default stages, with the user's boilerplate phrases.
  public static func standard(userPhrases: UserPhrases) -> Pipeline {
    Pipeline(stages: [
      Decoding(),
      Mojibake(),
      LineEndings(),
      LostPunctuation(),
      Boilerplate(userPhrases: userPhrases),
      Markup(),
      Whitespace(),
      Reflow(),
      ParagraphLayout(),
      UnicodeNormalization(),
    ])
  }
}
