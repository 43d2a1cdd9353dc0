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
      // Before line endings, which make form feeds newlines: pages are where they are. The
      // columns of a page first, so that its heads and footers are lines of their own.
      Columns(),
      PageFurniture(),
      LineEndings(),
      ExtractorCharacters(),
      LostPunctuation(),
      Boilerplate(userPhrases: userPhrases, profile: profile),
      Markup(),
      Whitespace(),
      // Before reflow, whose decisions read the first and last letters of lines: they must
      // read them as the clean text has them. Joining lines composes nothing new, since a
      // line joins after a space or a letter, never before a combining mark.
      UnicodeNormalization(),
      Reflow(),
      ParagraphLayout(),
    ])
  }
}
