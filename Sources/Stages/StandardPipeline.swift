import Pipeline

extension Pipeline {
  /// The stages docclean runs by default, in order.
  public static var standard: Pipeline { standard(userPhrases: UserPhrases()) }

  /// The default stages, with the user's boilerplate phrases and the profile of the batch the
  /// texts belong to.
  public static func standard(userPhrases: UserPhrases, profile: BatchProfile = .empty) -> Pipeline {
    Pipeline(stages: [
      Decoding(),
      Mojibake(),
      LineEndings(),
      LostPunctuation(),
      Boilerplate(userPhrases: userPhrases, profile: profile),
      Markup(),
      Whitespace(),
      Reflow(),
      ParagraphLayout(),
      UnicodeNormalization(),
    ])
  }
}
