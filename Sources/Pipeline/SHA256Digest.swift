import Crypto

/// SHA-256 as lowercase hex, the form provenance files record.
public enum SHA256Digest {
  /// The hex digest of `bytes`.
  public static func hex(of bytes: [UInt8]) -> String {
    let digest = SHA256.hash(data: bytes)
    var hex: [UInt8] = []
    hex.reserveCapacity(64)
    for byte in digest {
      hex.append(hexDigits[Int(byte >> 4)])
      hex.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: hex, as: UTF8.self)
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
