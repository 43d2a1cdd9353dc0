import Pipeline

extension Pipeline {
  /// The stages docclean runs by default, in order.
  public static var standard: Pipeline {
    Pipeline(stages: [
      Decoding(),
      Mojibake(),
      LineEndings(),
      LostPunctuation(),
      Boilerplate(),
      Markup(),
      Whitespace(),
      Reflow(),
      ParagraphLayout(),
      UnicodeNormalization(),
    ])
  }
}
