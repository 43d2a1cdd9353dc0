import Crypto

/// SHA-256 as lowercase hex, the form provenance files record.
public enum SHA256Digest {
  /// The hex digest of `bytes`.
  public static func hex(of bytes: [UInt8]) -> String {
    let digest = SHA256.hash(data: bytes)
    var hex = ""
    hex.reserveCapacity(64)
    for byte in digest {
      hex += String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
    }
    return hex
  }
}
